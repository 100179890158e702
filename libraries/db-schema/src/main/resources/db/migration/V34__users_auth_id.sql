-- The Supabase Auth user id (a token's UUID sub) of each app user, beside the numeric id every table references.
-- Set by an operator when creating the user, or by a first sign-in under SWITCHBOARD_AUTH_LINK_FIRST_SIGN_IN=phone.
ALTER TABLE users ADD COLUMN auth_id UUID UNIQUE;
