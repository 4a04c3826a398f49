#!/usr/bin/env bash
# Prints the path of a Node 24 binary (see node-version.sh, which this runs with 24); kept for callers of its name.
exec bash "$(dirname "$0")/node-version.sh" 24
