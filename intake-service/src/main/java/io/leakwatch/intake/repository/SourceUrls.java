package io.leakwatch.intake.repository;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * The form in which two links to the same offer compare equal: scheme and host in lower case, no {@code www.}, no
 * default port, no fragment, no trailing slash. The query stays: on forums it often names the thread.
 */
public final class SourceUrls {

    private SourceUrls() {}

    /** The comparison key of {@code url}, or null for none. */
    public static String key(String url) {
        if (url == null || url.isBlank()) {
            return null;
        }
        try {
            URI uri = new URI(url.strip());
            if (uri.getHost() == null) {
                return url.strip().toLowerCase(Locale.ROOT);
            }
            String host = uri.getHost().toLowerCase(Locale.ROOT);
            host = host.startsWith("www.") ? host.substring(4) : host;
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            boolean defaultPort = uri.getPort() == -1
                    || (scheme.equals("http") && uri.getPort() == 80)
                    || (scheme.equals("https") && uri.getPort() == 443);
            String path = uri.getRawPath() == null ? "" : uri.getRawPath();
            while (path.endsWith("/")) {
                path = path.substring(0, path.length() - 1);
            }
            String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
            // http and https links to one thread are one offer.
            return host + (defaultPort ? "" : ":" + uri.getPort()) + path + query;
        } catch (URISyntaxException e) {
            return url.strip().toLowerCase(Locale.ROOT);
        }
    }
}
