#!/bin/sh
# Installs Kannel (bearerbox, smsbox) and kannel-extras (fakesmsc) for the Kannel transport test.
# The test starts bearerbox and smsbox itself with a generated config on loopback ports; a
# policy-rc.d that blocks the service's auto-start is fine.
set -eu
if [ -x /usr/sbin/bearerbox ] && [ -x /usr/lib/kannel/test/fakesmsc ]; then
  echo "kannel already installed"
  exit 0
fi
SUDO=""
if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update
$SUDO apt-get install -y --no-install-recommends kannel kannel-extras
