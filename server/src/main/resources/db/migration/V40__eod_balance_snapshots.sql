-- The daily balance snapshot end of day writes for each account (step statements-and-snapshot): the balance on the
-- account's normal side as credits minus debits posted through the business date, and the interest accrued and not
-- yet posted, at the accrual precision. A projection of the journal: end of day rewrites a date's rows when it runs
-- the step again.
CREATE TABLE eod_balance_snapshots (
    business_date DATE NOT NULL,
    account_id UUID NOT NULL,
    ledger INTEGER NOT NULL,
    code INTEGER NOT NULL,
    balance_minor BIGINT NOT NULL,
    accrued_interest_minor NUMERIC(38, 12) NOT NULL,
    PRIMARY KEY (business_date, account_id)
);
