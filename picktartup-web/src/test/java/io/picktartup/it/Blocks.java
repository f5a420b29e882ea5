package io.picktartup.it;

import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.http.HttpService;

import java.util.List;
import java.util.Map;

/**
 * The tests' platform counts a transaction final two blocks deep (its own and one more), as production waits for
 * finality; anvil mines a block only when a transaction comes. So that a lone transaction still becomes final, this
 * follower mines one empty block after every block that holds transactions, while anvil mines automatically. Tests
 * that turn automatic mining off (front-running, reorganisations) go through {@link ChainIT#anvil}, which tells this
 * follower under the same lock, so it never mines a block such a test is still filling.
 */
final class Blocks {

    static final Object LOCK = new Object();
    private static boolean automine = true;
    private static Thread follower;

    private Blocks() {
    }

    /** Called under {@link #LOCK} by every anvil call of the tests. */
    static void noteAutomine(boolean on) {
        automine = on;
    }

    static synchronized void follow(String rpcUrl) {
        if (follower != null) {
            return;
        }
        var service = new HttpService(rpcUrl);
        follower = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    synchronized (LOCK) {
                        if (automine && latestHoldsTransactions(service)) {
                            new Request<>("anvil_mine", List.of(), service, Response.class).send();
                        }
                    }
                    Thread.sleep(150);
                } catch (InterruptedException e) {
                    return;
                } catch (Exception e) {
                    // the chain is stopping or busy: try again on the next tick
                }
            }
        }, "it-block-follower");
        follower.setDaemon(true);
        follower.start();
    }

    static synchronized void stop() {
        if (follower != null) {
            follower.interrupt();
            follower = null;
        }
    }

    @SuppressWarnings("unchecked")
    private static boolean latestHoldsTransactions(HttpService service) throws java.io.IOException {
        var block = new Request<>("eth_getBlockByNumber", List.of("latest", false), service, MapResponse.class).send();
        Object transactions = block.getResult() == null ? null : block.getResult().get("transactions");
        return transactions instanceof List<?> list && !list.isEmpty();
    }

    /** A JSON-RPC answer whose result is an object. */
    static final class MapResponse extends Response<Map<String, Object>> {
    }
}
