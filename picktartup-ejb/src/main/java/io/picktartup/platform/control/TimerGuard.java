package io.picktartup.platform.control;

import jakarta.annotation.Resource;
import jakarta.interceptor.AroundTimeout;
import jakarta.interceptor.InvocationContext;
import jakarta.transaction.Status;
import jakarta.transaction.TransactionSynchronizationRegistry;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps a worker's timer alive through a failed tick. The EJB container expunges a timer whose timeout fails twice in
 * a row (Payara: EJB5119), so a database restart or a lost connection would stop that worker until the next
 * deployment. This interceptor turns a failed tick into a warning (rolling back the tick's transaction, if it has
 * one): the worker simply tries again at its next time.
 * <p>
 * A tick must also run without a container transaction: a nested EJB call that fails marks its caller's transaction
 * rollback-only, and a timeout whose transaction ends rolled back is a failed delivery whatever the interceptor
 * caught. Payara starts a transaction for a timeout method even when the bean or the method says NOT_SUPPORTED (seen
 * in CI: {@code checkExceptionClientTx} under a tick, then EJB5119 during a database restart; payara/Payara#4826), so
 * every {@code @Schedule}/{@code @Timeout} bean that carries this interceptor is bean-managed
 * ({@code @TransactionManagement(BEAN)}): each step it calls runs in a transaction of its own. A tick that still
 * arrives inside a transaction is logged once per bean ({@value #IN_TRANSACTION}); FaultSuiteIT fails on that line.
 */
public class TimerGuard {

    private static final Logger LOG = Logger.getLogger(TimerGuard.class.getName());

    /** The start of the line logged when a tick runs inside a transaction (a configuration defect). */
    public static final String IN_TRANSACTION = "Timer tick inside a transaction";

    private static final Set<Class<?>> REPORTED = ConcurrentHashMap.newKeySet();

    @Resource
    TransactionSynchronizationRegistry transactions;

    @AroundTimeout
    public Object guard(InvocationContext context) {
        if (transactions != null && transactions.getTransactionKey() != null
                && REPORTED.add(context.getMethod().getDeclaringClass())) {
            LOG.warning(() -> IN_TRANSACTION + ": " + context.getMethod().getDeclaringClass().getSimpleName() + "."
                    + context.getMethod().getName() + " (a failed tick would count as a failed delivery; make the bean"
                    + " bean-managed)");
        }
        try {
            return context.proceed();
        } catch (Exception e) {
            if (transactions != null && transactions.getTransactionStatus() == Status.STATUS_ACTIVE) {
                transactions.setRollbackOnly();
            }
            LOG.log(Level.WARNING, e, () -> "A tick of " + context.getMethod().getDeclaringClass().getSimpleName()
                    + "." + context.getMethod().getName() + " failed; it runs again at its next time");
            return null;
        }
    }
}
