#!/bin/bash
# Runs once, when the compose PostgreSQL volume is first initialised (/docker-entrypoint-initdb.d): gives
# message-sender and the realtime gateway login roles of their own, with their passwords, before
# conversation-manager's migration grants them what each may do (V39__service_roles.sql). On a volume made before
# this script, the migration creates the roles without a password: set one with ALTER ROLE ... PASSWORD.
set -euo pipefail
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
    -v sender="$MESSAGE_SENDER_DB_PASSWORD" -v gateway="$REALTIME_GATEWAY_DB_PASSWORD" <<'SQL'
CREATE ROLE switchboard_message_sender LOGIN PASSWORD :'sender';
CREATE ROLE switchboard_realtime_gateway LOGIN PASSWORD :'gateway';
SQL
