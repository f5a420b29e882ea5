-- The wallet component's read model of who holds which address (never the keystore): for the money history,
-- which matches incoming Transfer events to accounts.
create view wallet_address as select account_id, lower(address) as address from wallet;
