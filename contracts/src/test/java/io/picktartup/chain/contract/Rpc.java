package io.picktartup.chain.contract;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A small JSON-RPC client that sends many requests in one HTTP round trip (a JSON-RPC batch): the fuzzer reads a
 * step's receipt and every value its invariants need at once.
 */
final class Rpc {

    /** One request of a batch. */
    record Call(String method, List<?> params) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final URI uri;

    Rpc(String url) {
        this.uri = URI.create(url);
    }

    /** The result of one request; fails on a JSON-RPC error. */
    JsonNode call(String method, Object... params) {
        JsonNode response = batch(List.of(new Call(method, List.of(params)))).get(0);
        if (response.has("error")) {
            throw new IllegalStateException(method + ": " + response.get("error"));
        }
        return response.get("result");
    }

    /** The responses (each with its {@code result} or {@code error}), in the order of the calls. */
    List<JsonNode> batch(List<Call> calls) {
        ArrayNode body = JSON.createArrayNode();
        for (int i = 0; i < calls.size(); i++) {
            ObjectNode request = body.addObject();
            request.put("jsonrpc", "2.0");
            request.put("id", i);
            request.put("method", calls.get(i).method());
            request.set("params", JSON.valueToTree(calls.get(i).params()));
        }
        try {
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(uri)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            JsonNode answers = JSON.readTree(response.body());
            if (!answers.isArray()) {
                throw new IllegalStateException("not a batch answer: " + answers);
            }
            List<JsonNode> ordered = new ArrayList<>(calls.size());
            for (int i = 0; i < calls.size(); i++) {
                ordered.add(null);
            }
            for (JsonNode answer : answers) {
                ordered.set(answer.get("id").asInt(), answer);
            }
            return ordered;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
