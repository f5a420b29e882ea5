package io.picktartup.platform.control;

import jakarta.annotation.Resource;
import jakarta.interceptor.AroundTimeout;
import jakarta.interceptor.InvocationContext;
import jakarta.transaction.Status;
import jakarta.transaction.TransactionSynchronizationRegistry;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps a worker's timer alive through a failed tick. The EJB container expunges a timer whose timeout method throws
 * twice in a row (Payara: EJB5119), so a database restart or a lost connection would stop that worker until the next
 * deployment. This interceptor turns a failed tick into a warning (rolling back the tick's transaction, if it has
 * one): the worker simply tries again at its next time. Every {@code @Schedule}/{@code @Timeout} bean carries it, and
 * runs its ticks without a transaction of its own (class-level NOT_SUPPORTED): a tick's transaction rolled back is a
 * failed delivery too, and in CI a nested call's failure saw a client transaction under a package-private timeout
 * method marked NOT_SUPPORTED, so two ticks during a database restart expunged its timer.
 */
public class TimerGuard {

    private static final Logger LOG = Logger.getLogger(TimerGuard.class.getName());

    @Resource
    TransactionSynchronizationRegistry transactions;

    @AroundTimeout
    public Object guard(InvocationContext context) {
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
