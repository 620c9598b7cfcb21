package dev.notify.smtp.internal;

import dev.notify.CheckReport;
import dev.notify.Problem;
import dev.notify.smtp.DkimSettingKeys;
import dev.notify.smtp.internal.dkim.DkimSigner;
import dev.notify.smtp.internal.dkim.PrivateKeys;
import dev.notify.smtp.internal.dkim.PublishedKey;
import dev.notify.smtp.internal.dkim.SigningAlgorithm;
import dev.notify.smtp.internal.dkim.SigningKey;
import dev.notify.smtp.internal.dkim.TxtResolver;
import java.util.ArrayList;
import java.util.List;

/**
 * The DKIM part of a check: the signing identity, and per signature whether DNS publishes its public key. A key
 * record that is missing or holds another key fails the check, naming the selector's key; DNS that cannot be
 * reached is only reported.
 */
final class DkimCheck {

    private DkimCheck() {
    }

    /** Adds the DKIM items; returns the problems that fail the check. */
    static List<Problem> report(CheckReport.Builder report, DkimSetup dkim, TxtResolver dns) {
        if (!dkim.enabled()) {
            report.item("dkim", "off (" + DkimSettingKeys.DOMAIN.name() + " is not set)");
            return List.of();
        }
        List<Problem> problems = new ArrayList<>();
        report.item("dkim.domain", dkim.signers().get(0).key().domain());
        for (DkimSigner signer : dkim.signers()) {
            SigningKey key = signer.key();
            String prefix = "dkim." + key.algorithm().id();
            report.item(prefix, "selector " + key.selector() + ", " + PrivateKeys.describe(key.key()));
            PublishedKey.Outcome outcome = PublishedKey.check(key, dns);
            report.item(prefix + ".dns", outcome.description());
            if (outcome.status() == PublishedKey.Status.MISSING || outcome.status() == PublishedKey.Status.DIFFERS) {
                problems.add(dkim.settings().problem(key.algorithm() == SigningAlgorithm.RSA_SHA256
                        ? DkimSettingKeys.RSA_SELECTOR : DkimSettingKeys.ED25519_SELECTOR, outcome.description()));
            }
        }
        return problems;
    }
}
