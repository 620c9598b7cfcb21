package dev.notify.admin;

import static dev.notify.admin.AdminHarness.row;
import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.Notifier;
import dev.notify.settings.SettingsSchema;
import dev.notify.store.ChangeSet;
import dev.notify.store.FileSettingsStore;
import dev.notify.store.SettingsStore;
import dev.notify.store.StoreOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pages reuse what they worked out for a store version (a layer's form, the fleet table) only while the store
 * holds that version: each test renders a page, changes the store another way than through this page, and expects
 * the next page to show the change.
 */
class AdminPageCacheTest {

    @TempDir
    Path dir;

    private AdminHarness admin;
    private SettingsStore other;

    @BeforeEach
    void start() throws Exception {
        admin = new AdminHarness(dir);
        admin.apply(c -> c.set("email.enabled", "true").set("email.delivery-method", "fake")
                .set("email.sender", "Support <support@example.com>")
                .addServer("eu", null).set("servers.eu.email.sender", "EU <eu@example.com>")
                .addServer("eu-1", "eu").set("servers.eu-1.email.reply-to", "one@example.com"));
        SettingsSchema schema = SettingsSchema.discover(List.of(admin.fakeEmail, admin.fakeSms), List.of(),
                Notifier.class.getClassLoader());
        other = FileSettingsStore.open(dir.resolve("notify.properties"), StoreOptions.builder().schema(schema)
                .checkInterval(Duration.ZERO).keys(AdminHarness.KEYS).build());
    }

    @AfterEach
    void stop() {
        other.close();
        admin.close();
    }

    @Test
    void aServerPageShowsAChangeSavedByAnotherStoreOnTheSameFile() throws Exception {
        assertThat(row(admin.get("/servers/eu-1", "alice").body(), "servers.eu-1.email.reply-to"))
                .contains("value=\"one@example.com\"");

        applyElsewhere(c -> c.set("servers.eu-1.email.reply-to", "two@example.com"));

        String page = admin.get("/servers/eu-1", "alice").body();
        assertThat(row(page, "servers.eu-1.email.reply-to")).contains("value=\"two@example.com\"")
                .doesNotContain("one@example.com");
        assertThat(page).contains("name=\"version\" value=\"2\"");
    }

    @Test
    void anInheritedValueFollowsAChangeOfTheParentLayers() throws Exception {
        String page = admin.get("/servers/eu-1", "alice").body();
        assertThat(row(page, "servers.eu-1.email.sender")).contains("EU &lt;eu@example.com&gt;", "from region eu");
        assertThat(row(page, "servers.eu-1.email.delivery-method")).contains("inherited from global");

        applyElsewhere(c -> c.set("servers.eu.email.sender", "Europe <europe@example.com>")
                .set("servers.eu.email.delivery-method", "fake"));

        page = admin.get("/servers/eu-1", "alice").body();
        assertThat(row(page, "servers.eu-1.email.sender")).contains("Europe &lt;europe@example.com&gt;")
                .doesNotContain("eu@example.com");
        assertThat(row(page, "servers.eu-1.email.delivery-method")).contains("from region eu");
    }

    @Test
    void theFleetTableShowsAServerAddedByAnotherStore() throws Exception {
        assertThat(admin.get("/fleet", "alice").body()).doesNotContain("data-server=\"eu-2\"");

        applyElsewhere(c -> c.addServer("eu-2", "eu").set("servers.eu-2.email.reply-to", "x@example.com"));

        String fleet = admin.get("/fleet", "alice").body();
        assertThat(fleet).contains("data-server=\"eu-2\"", "version 2.");
        assertThat(admin.get("/servers/eu-2", "alice").statusCode()).isEqualTo(200);
    }

    @Test
    void aServerBecomesARegionWhenAnotherServerInheritsFromIt() throws Exception {
        assertThat(admin.get("/regions/eu-1", "alice").statusCode()).isEqualTo(404);
        assertThat(admin.get("/fleet", "alice").body()).contains("href=\"/servers/eu-1\"");

        applyElsewhere(c -> c.addServer("eu-1a", "eu-1"));

        assertThat(admin.get("/regions/eu-1", "alice").statusCode()).isEqualTo(200);
        assertThat(admin.get("/fleet", "alice").body()).contains("href=\"/regions/eu-1\"");
        assertThat(row(admin.get("/servers/eu-1a", "alice").body(), "servers.eu-1a.email.reply-to"))
                .contains("from region eu-1");
    }

    @Test
    void aHandEditOfTheFileIsShownOnTheNextPage() throws Exception {
        assertThat(row(admin.get("/", "alice").body(), "email.sender")).contains("Support &lt;");

        Path file = dir.resolve("notify.properties");
        String stored = Files.readString(file, StandardCharsets.UTF_8);
        String edited = stored.replace("Support <support@example.com>", "Hand <hand@example.com>");
        assertThat(edited).isNotEqualTo(stored);
        Files.writeString(file, edited, StandardCharsets.UTF_8);

        assertThat(row(admin.get("/", "alice").body(), "email.sender")).contains("Hand &lt;hand@example.com&gt;");
    }

    @Test
    void aPageWithUnsavedEditsAfterAnErrorDoesNotReplaceTheStoredView() throws Exception {
        String page = admin.get("/servers/eu-1", "alice").body();
        var form = AdminHarness.form(page);
        form.put("mode:email.reply-to", "set");
        form.put("email.reply-to", "edited@example.com");
        form.put("mode:email.retry.max-attempts", "set");
        form.put("email.retry.max-attempts", "many");

        assertThat(admin.post("/save", "alice", form).statusCode()).isEqualTo(422);

        assertThat(row(admin.get("/servers/eu-1", "alice").body(), "servers.eu-1.email.reply-to"))
                .contains("value=\"one@example.com\"").doesNotContain("edited@example.com");
    }

    private void applyElsewhere(UnaryOperator<ChangeSet.Builder> edits) {
        other.apply(edits.apply(ChangeSet.builder(other.snapshot().version(), "bob")).build());
    }
}
