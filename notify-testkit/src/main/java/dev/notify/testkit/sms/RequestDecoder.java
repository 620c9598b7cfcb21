package dev.notify.testkit.sms;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.common.Json;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.notify.testkit.internal.FormFields;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Decodes what a stub received into an {@link SmsRequest}: headers, and form or JSON fields. */
final class RequestDecoder {

    private RequestDecoder() {
    }

    static SmsRequest decode(SmsRequest.Endpoint endpoint, LoggedRequest request) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (HttpHeader header : request.getHeaders().all()) {
            headers.putIfAbsent(header.key().toLowerCase(Locale.ROOT), header.firstValue());
        }
        String body = request.getBodyAsString();
        String contentType = headers.getOrDefault("content-type", "");
        Map<String, String> parameters = contentType.startsWith("application/json") ? json(body)
                : contentType.startsWith("application/x-www-form-urlencoded") ? FormFields.decode(body) : Map.of();
        return new SmsRequest(endpoint, request.getMethod().getName(), request.getUrl(), headers, body, parameters);
    }

    /** The leaves of a JSON document by path; an unreadable body has none. */
    static Map<String, String> json(String body) {
        Map<String, String> leaves = new LinkedHashMap<>();
        try {
            flatten("", Json.node(body), leaves);
        } catch (RuntimeException e) {
            return Map.of();
        }
        return leaves;
    }

    private static void flatten(String path, JsonNode node, Map<String, String> leaves) {
        if (node == null) {
            return;
        }
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                flatten(path.isEmpty() ? field.getKey() : path + "." + field.getKey(), field.getValue(), leaves);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                flatten(path + "[" + i + "]", node.get(i), leaves);
            }
        } else if (!node.isNull()) {
            leaves.put(path, node.asText());
        }
    }
}
