#!/usr/bin/env python3
"""An example command plugin: any language, JSON in on stdin, one JSON object out on stdout.

Config: { "plugins": [{ "command": "python3 vpn_check.py", "id": "example/vpn", "title": "VPN route to LangSmith" }] }
stdin holds the redacted context: settings (key masked), options, results of `requires`.
"""
import json
import socket
import sys
from urllib.parse import urlparse

ctx = json.load(sys.stdin)
endpoint = ctx["settings"]["endpoint"] or ""
host = urlparse(endpoint).hostname or ""
try:
    addresses = sorted({info[4][0] for info in socket.getaddrinfo(host, 443)})
except OSError as err:
    print(json.dumps({
        "status": "fail",
        "summary": f"{host} does not resolve: {err}",
        "findings": [{
            "code": "EXAMPLE_VPN_DNS",
            "severity": "fail",
            "message": f"{host} does not resolve from this machine ({err})",
            "fix": {"text": "Connect the VPN, or ask IT to allow the LangSmith API host.", "commands": [f"nslookup {host}"]},
        }],
    }))
    sys.exit(0)

print(json.dumps({"status": "pass", "summary": f"{host} resolves to {', '.join(addresses)}", "findings": []}))
