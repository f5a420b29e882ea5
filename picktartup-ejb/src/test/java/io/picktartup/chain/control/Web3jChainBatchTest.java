package io.picktartup.chain.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A JSON-RPC batch's answers reach the calls that asked them whatever order the node answers in (a gateway may
 * reorder a batch), one element's error leaves only that element unread, and a batch answer that misses an id fails
 * the batch: a reservation must never be decided on another wallet's balance.
 */
class Web3jChainBatchTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private HttpServer node;
    private Web3j web3j;
    /** What the node does to its answers (in request order) before it sends them. */
    private volatile UnaryOperator<List<JsonNode>> answers = UnaryOperator.identity();

    @BeforeEach
    void start() throws IOException {
        node = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        node.createContext("/", exchange -> {
            JsonNode requests = JSON.readTree(exchange.getRequestBody());
            var replies = new ArrayList<JsonNode>();
            for (JsonNode request : requests) {
                var reply = JSON.createObjectNode().put("jsonrpc", "2.0").put("id", request.get("id").asLong());
                String data = request.get("params").get(0).get("data").asText();
                if (data.equals("0xfa11")) {
                    reply.putObject("error").put("code", -32005).put("message", "rate limited");
                } else {
                    // the call's data is its own answer: whoever gets it can tell whose it was
                    reply.put("result", data);
                }
                replies.add(reply);
            }
            ArrayNode body = JSON.createArrayNode().addAll(answers.apply(replies));
            byte[] bytes = JSON.writeValueAsBytes(body);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        node.start();
        web3j = Web3j.build(new HttpService("http://127.0.0.1:" + node.getAddress().getPort() + "/"));
    }

    @AfterEach
    void stop() {
        web3j.shutdown();
        node.stop(0);
    }

    private static List<String[]> calls(String... data) {
        var calls = new ArrayList<String[]>();
        for (String d : data) {
            calls.add(new String[]{"0x5fbdb2315678afecb367f032d93f642f64180aa3", d});
        }
        return calls;
    }

    @Test
    void answersInAnyOrderGoToTheCallsThatAskedThem() {
        answers = replies -> {
            var reversed = new ArrayList<>(replies);
            Collections.reverse(reversed);
            return reversed;
        };
        assertThat(Web3jChain.over(web3j).readAll(calls("0x01", "0x02", "0x03")))
                .containsExactly("0x01", "0x02", "0x03");
    }

    @Test
    void oneElementsErrorLeavesOnlyThatOneUnread() {
        assertThat(Web3jChain.over(web3j).readAll(calls("0x01", "0xfa11", "0x03")))
                .containsExactly("0x01", null, "0x03");
    }

    @Test
    void anAnswerThatMissesACallFailsTheBatch() {
        answers = replies -> replies.subList(0, replies.size() - 1);
        assertThatThrownBy(() -> Web3jChain.over(web3j).readAll(calls("0x01", "0x02")))
                .isInstanceOf(ChainUnavailableException.class);
    }

    @Test
    void anAnswerThatRepeatsAnIdFailsTheBatch() {
        answers = replies -> List.of(replies.get(0), replies.get(0));
        assertThatThrownBy(() -> Web3jChain.over(web3j).readAll(calls("0x01", "0x02")))
                .isInstanceOf(ChainUnavailableException.class);
    }
}
