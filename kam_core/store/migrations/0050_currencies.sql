-- 0050_currencies (F-IN-10): exchange rates per currency and quarter, and what each line was before
-- conversion. A line keeps its currency (ISO code, as the file had it; the reporting currency of
-- the day when the file had none) and its amount in that currency (amount_original); ``amount``,
-- the column every figure reads, is amount_original x fx_rate, the rate of the line's quarter in
-- the reporting currency. Lines with a NULL currency (demo, benchmarks, files loaded before this)
-- are in the reporting currency, whatever it is, and never converted.
CREATE SEQUENCE IF NOT EXISTS rate_id_seq START 1;
CREATE TABLE IF NOT EXISTS exchange_rates (
    rate_id       INTEGER PRIMARY KEY DEFAULT nextval('rate_id_seq'),
    base_currency VARCHAR NOT NULL,   -- the reporting currency the rate converts into
    currency      VARCHAR NOT NULL,   -- ISO 4217 code of the line's currency
    quarter       VARCHAR NOT NULL,   -- YYYY-Qn
    rate          DOUBLE NOT NULL,    -- units of base_currency per unit of currency (> 0)
    updated_by    VARCHAR,
    updated_at    TIMESTAMP NOT NULL,
    UNIQUE (base_currency, currency, quarter)
);

ALTER TABLE revenue_lines ADD COLUMN IF NOT EXISTS amount_original DOUBLE;
ALTER TABLE revenue_lines ADD COLUMN IF NOT EXISTS fx_rate DOUBLE;
ALTER TABLE revenue_lines_archive ADD COLUMN IF NOT EXISTS amount_original DOUBLE;
ALTER TABLE revenue_lines_archive ADD COLUMN IF NOT EXISTS fx_rate DOUBLE;
UPDATE revenue_lines SET amount_original = amount, fx_rate = 1 WHERE amount_original IS NULL;
UPDATE revenue_lines_archive SET amount_original = amount, fx_rate = 1
WHERE amount_original IS NULL;
