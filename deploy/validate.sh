#!/usr/bin/env bash
# Checks deploy/ without running the stack: the Prometheus config and alert rules (promtool), the compose file, and the
# JSON files. The server test ObservabilityTest checks that every metric the dashboard and the alerts use is exported.
#   deploy/validate.sh                       the static checks
#   deploy/validate.sh http://127.0.0.1:8080  also lints the live /actuator/prometheus with promtool check metrics
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

command -v promtool >/dev/null || { echo "validate: promtool not found (Debian: apt-get install prometheus)" >&2; exit 3; }
promtool check config prometheus/prometheus.yml
promtool check rules prometheus/alerts.yml

for file in grafana/dashboards/*.json elasticsearch/*.json; do
  python3 -m json.tool "$file" >/dev/null && echo "valid JSON: $file"
done

if command -v docker >/dev/null && docker compose version >/dev/null 2>&1; then
  docker compose -f docker-compose.yml config -q && echo "compose file parses (docker compose)"
elif command -v docker-compose >/dev/null; then
  docker-compose -f docker-compose.yml config -q && echo "compose file parses (docker-compose)"
else
  python3 -c 'import sys, yaml; yaml.safe_load(open("docker-compose.yml"))' && echo "compose file is valid YAML (no compose tool found)"
fi

if [ $# -gt 0 ]; then
  curl -fsS "$1/actuator/prometheus" | promtool check metrics
  echo "promtool check metrics: $1/actuator/prometheus is clean"
fi
