# shellcheck shell=bash
# Shared by scripts/test and scripts/cluster (sourced, not run): Debian's packages and a local
# PostgreSQL. The sourcing script sets `log_name` (the prefix of its messages) before calling these.

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

install_packages() {
  echo "${log_name:-lockbox}: installing $* from Debian's packages" >&2
  export DEBIAN_FRONTEND=noninteractive
  as_root apt-get install -y "$@" >&2 || { as_root apt-get update >&2 && as_root apt-get install -y "$@" >&2; }
}

pg_version() { ls /etc/postgresql 2>/dev/null | sort -n | tail -1; }

# Installs PostgreSQL from Debian's packages when missing, starts its main cluster when stopped,
# creates the role DB_USER (password DB_PASSWORD) when missing and the database DB_NAME afresh.
ensure_postgres() {
  if [ -z "$(pg_version)" ] || ! command -v pg_ctlcluster >/dev/null 2>&1; then
    install_packages postgresql
  fi
  local version; version=$(pg_version)
  [ -n "$version" ] || { echo "${log_name:-lockbox}: PostgreSQL installed but no cluster found under /etc/postgresql" >&2; exit 1; }
  if ! pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main" && $4 == "online"' | grep -q .; then
    as_root pg_ctlcluster "$version" main start
  fi
  psql_admin() { as_root su postgres -c "psql -v ON_ERROR_STOP=1 -qAt -c \"$1\""; }
  if [ -z "$(psql_admin "SELECT 1 FROM pg_roles WHERE rolname = '$DB_USER'")" ]; then
    psql_admin "CREATE ROLE $DB_USER LOGIN PASSWORD '$DB_PASSWORD'"
  fi
  psql_admin "DROP DATABASE IF EXISTS $DB_NAME"
  psql_admin "CREATE DATABASE $DB_NAME OWNER $DB_USER"
}
