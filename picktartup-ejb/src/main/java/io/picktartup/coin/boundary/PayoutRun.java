package io.picktartup.coin.boundary;

import jakarta.ejb.DependsOn;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

/** Every ten seconds, pays the cash-outs whose burn is final. */
@Singleton
@DependsOn("SchemaMigration")
public class PayoutRun {

    @Inject
    CashOuts cashOuts;

    @Schedule(hour = "*", minute = "*", second = "*/10", persistent = false)
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void pay() {
        cashOuts.payPayable(50);
    }
}
