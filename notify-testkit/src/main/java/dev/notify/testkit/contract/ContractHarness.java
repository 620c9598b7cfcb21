package dev.notify.testkit.contract;

import dev.notify.message.Message;
import dev.notify.settings.Layer;
import dev.notify.spi.SenderProvider;
import java.util.List;
import java.util.Set;

/** What every channel's harness offers the checks they share; see {@link SenderHarness} and {@link SmsSenderHarness}. */
interface ContractHarness<M extends Message> extends AutoCloseable {

    SenderProvider provider();

    Layer settings();

    void failNextSendTransiently();

    void failNextSendPermanently();

    List<M> received();

    Set<String> secrets();

    @Override
    void close();
}
