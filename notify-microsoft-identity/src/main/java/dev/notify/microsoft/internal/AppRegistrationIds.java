package dev.notify.microsoft.internal;

import java.net.IDN;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The checks of an app registration's IDs: a tenant is named by its directory ID (a GUID) or one of its verified
 * domains, an application by its client ID (a GUID). Each check returns what is wrong, or null.
 */
public final class AppRegistrationIds {

    private static final Pattern GUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
    private static final Pattern TOP_LEVEL = Pattern.compile("[A-Za-z][A-Za-z0-9-]*|xn--[A-Za-z0-9-]+");
    private static final Set<String> ALIASES = Set.of("common", "organizations", "consumers");

    private AppRegistrationIds() {
    }

    /** Null for a GUID or a domain name; else what an administrator must write instead. */
    public static String tenantProblem(String tenant) {
        if (GUID.matcher(tenant).matches() || isDomainName(tenant)) {
            return null;
        }
        if (ALIASES.contains(tenant.toLowerCase(Locale.ROOT))) {
            return "'" + tenant + "' stands for any tenant, and the client-credentials flow cannot use it: an app "
                    + "gets tokens from its own tenant only. Set the Directory (tenant) ID, a GUID, or a verified "
                    + "domain of the tenant such as contoso.onmicrosoft.com";
        }
        return "must be the Directory (tenant) ID, a GUID such as 72f988bf-86f1-41af-91ab-2d7cd011db47, or a "
                + "verified domain of the tenant such as contoso.onmicrosoft.com; was '" + tenant + "'";
    }

    /** Null for a GUID; else what an administrator must write instead. */
    public static String clientProblem(String clientId) {
        if (GUID.matcher(clientId).matches()) {
            return null;
        }
        return "must be the Application (client) ID of the app registration, a GUID such as "
                + "11111111-2222-3333-4444-555555555555 (Entra ID > App registrations > Overview); was '" + clientId + "'";
    }

    private static boolean isDomainName(String s) {
        String ascii;
        try {
            ascii = IDN.toASCII(s, IDN.USE_STD3_ASCII_RULES);
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (ascii.length() > 253 || ascii.endsWith(".")) {
            return false;
        }
        String[] labels = ascii.split("\\.", -1);
        if (labels.length < 2 || !TOP_LEVEL.matcher(labels[labels.length - 1]).matches()) {
            return false;
        }
        for (String label : labels) {
            if (!LABEL.matcher(label).matches()) {
                return false;
            }
        }
        return true;
    }
}
