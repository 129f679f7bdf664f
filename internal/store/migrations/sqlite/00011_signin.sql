-- +goose Up
-- The newest TOTP time step (unix time / 30) a user signed in with: a code
-- of that step or an earlier one is refused, so a code works once, in every
-- process.
ALTER TABLE users ADD COLUMN totp_last_step INTEGER NOT NULL DEFAULT 0;
-- Sign-in failures are now counted per account and address, per account, per
-- address and per second factor (kinds pair, account, addr, mfa); the
-- short-lived counts under the old kinds are dropped.
DELETE FROM login_failures;

-- +goose Down
ALTER TABLE users DROP COLUMN totp_last_step;
