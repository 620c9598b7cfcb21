package dev.notify.benchmarks.templates;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import dev.notify.Notifier;
import dev.notify.ServerNotifier;
import dev.notify.settings.Layer;
import dev.notify.settings.Settings;
import dev.notify.template.CompiledTemplate;
import dev.notify.template.RenderedTemplate;
import dev.notify.template.TemplateContext;
import dev.notify.template.TemplateEngine;
import dev.notify.template.TemplateEngine.ContentType;
import dev.notify.template.TemplateMessage;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Renders per second of the invitation (subject, text and HTML, 10 variables), each op all three parts:
 * <ul>
 *   <li>{@code notifySend*}: what a send renders, {@code ServerNotifier.render} of a {@link TemplateMessage} with a
 *       server's settings (resolution from the cache, the locale's fallback, phrases, the compiled-template cache,
 *       locale formatting of the number and the date);</li>
 *   <li>{@code notifyEngine*}: notify's engine alone on compiled templates;</li>
 *   <li>{@code mustacheJava*}: mustache.java 0.9.14 on compiled templates with the same map (it writes numbers and
 *       dates with {@code toString()}, no locale formatting, and escapes only the HTML part here, as notify does).</li>
 * </ul>
 * C=1 and C=4 are JMH threads sharing one state, as the threads of a server share one notifier.
 */
@State(Scope.Benchmark)
@BenchmarkMode(org.openjdk.jmh.annotations.Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class TemplateRenderBenchmark {

    private Notifier notifier;
    private ServerNotifier server;
    private TemplateMessage message;
    private CompiledTemplate subject;
    private CompiledTemplate text;
    private CompiledTemplate html;
    private TemplateContext context;
    private Mustache mSubject;
    private Mustache mText;
    private Mustache mHtml;
    private Map<String, Object> variables;

    @Setup
    public void setUp() {
        Settings settings = Settings.builder().global(Invitation.layer(Layer.builder()).build())
                .server("eu-1", Layer.empty()).build();
        notifier = Notifier.builder().discoverProviders(false).settings(settings).build();
        server = notifier.server("eu-1");
        message = Invitation.message("alice@example.com", 1);
        variables = Invitation.variables(1);
        TemplateEngine engine = TemplateEngine.standard();
        subject = engine.compile("subject", Invitation.SUBJECT, ContentType.TEXT);
        text = engine.compile("text", Invitation.TEXT, ContentType.TEXT);
        html = engine.compile("html", Invitation.HTML, ContentType.HTML);
        context = TemplateContext.of(variables, Locale.ENGLISH, ZoneOffset.UTC);
        DefaultMustacheFactory plain = new DefaultMustacheFactory() {
            @Override
            public void encode(String value, Writer writer) {
                try {
                    writer.write(value);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
        DefaultMustacheFactory escaping = new DefaultMustacheFactory();
        mSubject = plain.compile(new StringReader(Invitation.SUBJECT), "subject");
        mText = plain.compile(new StringReader(Invitation.TEXT), "text");
        mHtml = escaping.compile(new StringReader(Invitation.HTML), "html");
        check();
    }

    /**
     * Both engines render the same text, but for numbers and dates, which only notify formats for the locale, and
     * '=', which mustache.java also escapes in HTML; the send path renders the same (settings strip the text's
     * final line break).
     */
    private void check() {
        String ours = notifyEngine();
        String theirs = mustacheJava().replace("&#61;", "=");
        String normalised = ours.replace("1,234.5", "1234.5").replace("1,234", "1234").replace("Dec 24, 2026", "2026-12-24");
        if (!normalised.equals(theirs)) {
            throw new IllegalStateException("the engines render differently:\n" + ours + "\n---\n" + theirs);
        }
        RenderedTemplate rendered = notifySend();
        if (!rendered.html().orElseThrow().text().equals(html.render(context).strip())) {
            throw new IllegalStateException("the send path renders differently");
        }
    }

    @TearDown
    public void tearDown() {
        notifier.close();
    }

    @Benchmark
    @Threads(1)
    public RenderedTemplate notifySendC1() {
        return notifySend();
    }

    @Benchmark
    @Threads(4)
    public RenderedTemplate notifySendC4() {
        return notifySend();
    }

    @Benchmark
    @Threads(1)
    public String notifyEngineC1() {
        return notifyEngine();
    }

    @Benchmark
    @Threads(4)
    public String notifyEngineC4() {
        return notifyEngine();
    }

    @Benchmark
    @Threads(1)
    public String mustacheJavaC1() {
        return mustacheJava();
    }

    @Benchmark
    @Threads(4)
    public String mustacheJavaC4() {
        return mustacheJava();
    }

    private RenderedTemplate notifySend() {
        return server.render(message);
    }

    private String notifyEngine() {
        return subject.render(context) + "\n" + text.render(context) + "\n" + html.render(context);
    }

    private String mustacheJava() {
        StringWriter out = new StringWriter(2048);
        mSubject.execute(out, variables);
        out.write('\n');
        mText.execute(out, variables);
        out.write('\n');
        mHtml.execute(out, variables);
        return out.toString();
    }
}
