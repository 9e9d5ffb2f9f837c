#!/bin/sh
# Installs what newsdesk needs to build and test, on Debian or Ubuntu.
set -eu
run() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
export DEBIAN_FRONTEND=noninteractive
run apt-get update -q
run apt-get install -y -q --no-install-recommends \
	build-essential cmake pkg-config \
	libyaml-dev libmd4c-dev libxml2-dev libncurses-dev libcurl4-openssl-dev libcmocka-dev \
	python3 tmux ca-certificates cppcheck clang-tidy \
	openssh-server openssh-client mandoc \
	clang libclang-rt-14-dev # scripts/fuzz.sh: clang 14 and its libFuzzer
