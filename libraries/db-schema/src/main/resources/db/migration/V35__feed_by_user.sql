-- GET /me/feed pages one user's posts newest first (WHERE user_id = ? AND id < ? ORDER BY id DESC): served by this
-- index instead of walking every post of the feed backwards until the user's turn up.
CREATE INDEX feed_user_newest ON feed (user_id, id DESC);
