#!/usr/bin/python3
"""Drives Debian's Barbican clients against a running Lockbox with real Keystone tokens.

Run through scripts/barbican-clients, which installs the clients and says which Lockbox and which
Keystone to use. Each check states what Barbican does and fails when Lockbox does otherwise:
  - the `barbican` CLI (python3-barbicanclient), endpoint found in Keystone's catalog;
  - the `openstack secret ...` commands (python3-openstackclient), endpoint from the catalog;
  - barbicanclient's Python API on a keystoneauth session;
  - castellan's BarbicanKeyManager (what Nova, Cinder and Glance use) with a Keystone token.
It prints one line per check and ends with "N passed, N failed"; the exit status is 1 on any failure.
Nothing secret is printed: payloads are compared, never shown.
"""
import base64
import datetime
import json
import os
import subprocess
import sys
import time
import traceback
import urllib.error
import urllib.request
import uuid

LOCKBOX_URL = os.environ.get("LOCKBOX_URL", "http://127.0.0.1:9311").rstrip("/")
AUTH_URL = os.environ["OS_AUTH_URL"].rstrip("/")          # Keystone's /v3, the one Lockbox asks
PASSWORD = os.environ["KEYSTONE_DEV_PASSWORD"]
RUN = uuid.uuid4().hex[:8]                                # names of this run's objects
ISO = "%Y-%m-%dT%H:%M:%S"

results = {"passed": 0, "failed": 0}


def check(name):
    """Runs the decorated function at once as one named check."""
    def run(function):
        started = time.monotonic()
        try:
            function()
        except Exception as e:  # noqa: BLE001 - every failure is reported, none stops the others
            results["failed"] += 1
            detail = "".join(traceback.format_exception_only(type(e), e)).strip()
            print(f"FAIL {name}: {detail}", flush=True)
            where = traceback.extract_tb(e.__traceback__)[-1]
            print(f"     at {os.path.basename(where.filename)}:{where.lineno}: {where.line}", flush=True)
        else:
            results["passed"] += 1
            print(f"ok   {name} ({time.monotonic() - started:.1f} s)", flush=True)
        return function
    return run


def expect(condition, message):
    if not condition:
        raise AssertionError(message)


def equal(actual, expected, what):
    expect(actual == expected, f"{what}: expected {expected!r}, got {actual!r}")


def is_uuid_ref(ref, kind):
    prefix = f"{LOCKBOX_URL}/v1/{kind}/"
    expect(isinstance(ref, str) and ref.startswith(prefix), f"{ref!r} is not a {kind} reference under {prefix}")
    uuid.UUID(ref[len(prefix):])
    return ref


def is_timestamp(value, what):
    expect(isinstance(value, str), f"{what} is not a string: {value!r}")
    datetime.datetime.fromisoformat(value.replace("Z", "+00:00"))


# ---------------------------------------------------------------- Keystone: tokens and the catalog

def keystone(method, path, token=None, body=None):
    request = urllib.request.Request(AUTH_URL + path, method=method,
                                     data=None if body is None else json.dumps(body).encode())
    request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("X-Auth-Token", token)
    with urllib.request.urlopen(request, timeout=30) as response:
        data = response.read()
        return response.headers.get("X-Subject-Token"), (json.loads(data) if data else None)


def token(user, project):
    subject, _ = keystone("POST", "/auth/tokens?nocatalog", body={"auth": {
        "identity": {"methods": ["password"], "password": {"user": {
            "name": user, "domain": {"id": "default"}, "password": PASSWORD}}},
        "scope": {"project": {"name": project, "domain": {"id": "default"}}}}})
    return subject


def register_key_manager_endpoint():
    """Keystone's catalog gets a key-manager service whose public endpoint is the Lockbox under test."""
    admin = token("admin", "admin")
    _, body = keystone("GET", "/services?type=key-manager", admin)
    if body["services"]:
        service = body["services"][0]["id"]
    else:
        _, body = keystone("POST", "/services", admin, {"service": {
            "type": "key-manager", "name": "barbican", "description": "Lockbox", "enabled": True}})
        service = body["service"]["id"]
    _, body = keystone("GET", f"/endpoints?service_id={service}&interface=public", admin)
    if not body["endpoints"]:
        keystone("POST", "/endpoints", admin, {"endpoint": {
            "service_id": service, "interface": "public", "region_id": "RegionOne", "url": LOCKBOX_URL}})
    elif body["endpoints"][0]["url"] != LOCKBOX_URL:
        keystone("PATCH", f"/endpoints/{body['endpoints'][0]['id']}", admin, {"endpoint": {"url": LOCKBOX_URL}})


def raw(method, path, auth_token, body=None, headers=None):
    """A plain HTTP call to Lockbox, to see what the clients hide (status, JSON error bodies)."""
    request = urllib.request.Request(LOCKBOX_URL + path, method=method,
                                     data=None if body is None else json.dumps(body).encode())
    request.add_header("X-Auth-Token", auth_token)
    request.add_header("Content-Type", "application/json")
    request.add_header("Accept", "application/json")
    for name, value in (headers or {}).items():
        request.add_header(name, value)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            data = response.read()
            return response.status, (json.loads(data) if data else None)
    except urllib.error.HTTPError as e:
        data = e.read()
        return e.code, (json.loads(data) if data else None)


def barbican_error(status, body, code, what):
    equal(status, code, what + " status")
    expect(isinstance(body, dict) and set(body) >= {"code", "title", "description"},
           f"{what}: not Barbican's error body: {body!r}")
    equal(body["code"], code, what + " body code")


# ---------------------------------------------------------------- the command-line clients

ALICE_ENV = dict(os.environ, OS_AUTH_URL=AUTH_URL, OS_USERNAME="alice", OS_PASSWORD=PASSWORD,
                 OS_PROJECT_NAME="projA", OS_USER_DOMAIN_ID="default", OS_PROJECT_DOMAIN_ID="default",
                 OS_IDENTITY_API_VERSION="3", OS_INTERFACE="public", OS_REGION_NAME="RegionOne")
for variable in ("OS_TOKEN", "OS_CLOUD", "OS_PROJECT_ID", "OS_TENANT_NAME", "OS_TENANT_ID"):
    ALICE_ENV.pop(variable, None)
BOB_ENV = dict(ALICE_ENV, OS_USERNAME="bob")              # reader on projA: no secrets for him


def cli(program, *args, env=ALICE_ENV, ok=True):
    """Runs `barbican ...` or `openstack ...`; returns (exit status, parsed JSON or text, stderr)."""
    command = [program, *args]
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)
    shown = " ".join(command[:4])
    if ok and done.returncode != 0:
        raise AssertionError(f"{shown} ... exited {done.returncode}: {last_error(done.stderr)}")
    if not ok and done.returncode == 0:
        raise AssertionError(f"{shown} ... succeeded although it must fail")
    output = done.stdout
    if "-f" in args and args[args.index("-f") + 1] == "json" and done.returncode == 0:
        output = json.loads(output)
    return done.returncode, output, done.stderr


def last_error(stderr):
    lines = [line for line in stderr.splitlines() if line.strip() and "deprecated" not in line]
    return lines[-1] if lines else "(no message)"


_clients = {}


def api(user="alice", project="projA"):
    """barbicanclient's Python API as a fixture user, for setting up and checking around the CLIs."""
    if (user, project) not in _clients:
        from barbicanclient import client as barbican_client
        from keystoneauth1 import session as ks_session
        from keystoneauth1.identity import v3
        auth = v3.Password(auth_url=AUTH_URL, username=user, password=PASSWORD, project_name=project,
                           user_domain_id="default", project_domain_id="default")
        _clients[(user, project)] = barbican_client.Client(session=ks_session.Session(auth=auth))
    return _clients[(user, project)]


def secret_fields(shown, what):
    expected = {"Secret href", "Name", "Created", "Status", "Content types", "Algorithm", "Bit length",
                "Secret type", "Mode", "Expiration"}
    equal(set(shown), expected, what + " columns")


# ---------------------------------------------------------------- the checks

def barbican_cli():
    name = f"cli-{RUN}"

    @check("barbican secret store/get/get --payload: Barbican's columns and types, payload round trip")
    def _():
        _, stored, _ = cli("barbican", "secret", "store", "--name", name, "--payload", "cli payload é",
                           "--algorithm", "aes", "--bit-length", "256", "--mode", "cbc", "-f", "json")
        secret_fields(stored, "store")
        ref = is_uuid_ref(stored["Secret href"], "secrets")
        _, shown, _ = cli("barbican", "secret", "get", ref, "-f", "json")
        secret_fields(shown, "get")
        equal(shown["Name"], name, "Name")
        equal(shown["Status"], "ACTIVE", "Status")
        equal(shown["Secret type"], "opaque", "Secret type (Barbican's default)")
        equal(shown["Bit length"], 256, "Bit length (an integer)")
        equal(shown["Algorithm"], "aes", "Algorithm")
        equal(shown["Mode"], "cbc", "Mode")
        equal(shown["Expiration"], None, "Expiration")
        # the CLI sends the payload as bytes, so Barbican stores it as application/octet-stream
        equal(shown["Content types"], {"default": "application/octet-stream"}, "Content types")
        is_timestamp(shown["Created"], "Created")
        # --payload asks with Accept: text/plain (the CLI's default): Barbican serves UTF-8 material as text
        _, payload, _ = cli("barbican", "secret", "get", "--payload", ref, "-f", "json")
        equal(payload, {"Payload": "cli payload é"}, "payload read back as text")
        _, payload, _ = cli("barbican", "secret", "get", "--payload", "--payload_content_type",
                            "application/octet-stream", ref, "-f", "value")
        expect(payload.strip().startswith("b'cli payload"), "payload read back as bytes")

    @check("barbican secret store without payload, then secret update; a second update is refused (409)")
    def _():
        _, stored, _ = cli("barbican", "secret", "store", "--name", name + "-later", "-f", "json")
        ref = stored["Secret href"]
        _, shown, _ = cli("barbican", "secret", "get", ref, "-f", "json")
        equal(shown["Content types"], None, "Content types of a secret without payload")
        cli("barbican", "secret", "update", ref, "uploaded later")
        _, payload, _ = cli("barbican", "secret", "get", "--payload", ref, "-f", "json")
        equal(payload, {"Payload": "uploaded later"}, "uploaded payload")
        _, _, err = cli("barbican", "secret", "update", ref, "again", ok=False)
        expect("409" in err or "Conflict" in err, f"second upload not refused with 409: {last_error(err)}")

    @check("barbican secret list: --name filter, --limit/--offset paging")
    def _():
        for i in range(3):
            api().secrets.create(name=name + "-page", payload=f"p{i}").store()
        _, listed, _ = cli("barbican", "secret", "list", "--name", name + "-page", "-f", "json")
        equal(len(listed), 3, "secrets listed by name")
        expect(all(s["Name"] == name + "-page" for s in listed), "every listed secret has the name")
        _, first, _ = cli("barbican", "secret", "list", "--name", name + "-page", "--limit", "2", "-f", "json")
        _, rest, _ = cli("barbican", "secret", "list", "--name", name + "-page", "--limit", "2", "--offset", "2",
                         "-f", "json")
        equal(len(first), 2, "first page")
        equal(len(rest), 1, "second page")
        equal(len({s["Secret href"] for s in first + rest}), 3, "pages overlap")

    @check("barbican secret store with an unsupported payload content type: 400, nothing stored")
    def _():
        _, _, err = cli("barbican", "secret", "store", "--name", name + "-bad", "--payload", "x",
                        "--payload-content-type", "application/x-bogus", ok=False)
        expect("Bad Request" in err or "400" in err, f"not a 400: {last_error(err)}")
        equal(api().secrets.list(name=name + "-bad"), [], "secrets stored by the refused request")

    @check("barbican secret delete; get of the deleted secret fails with 404 Not Found")
    def _():
        ref = api().secrets.create(name=name + "-gone", payload="x").store()
        cli("barbican", "secret", "delete", ref)
        _, _, err = cli("barbican", "secret", "get", ref, ok=False)
        expect("Not Found" in err, f"get of a deleted secret: {last_error(err)}")
        _, _, err = cli("barbican", "secret", "delete", ref, ok=False)
        expect("Not Found" in err, f"delete of a deleted secret: {last_error(err)}")

    @check("barbican secret order create key / asymmetric, order get and list, order delete")
    def _():
        _, order, _ = cli("barbican", "secret", "order", "create", "key", "--name", name + "-order",
                          "--algorithm", "aes", "--bit-length", "256", "--mode", "cbc", "-f", "json")
        ref = is_uuid_ref(order["Order href"], "orders")
        _, shown, _ = cli("barbican", "secret", "order", "get", ref, "-f", "json")
        equal(shown["Type"], "Key", "order Type")
        equal(shown["Status"], "ACTIVE", "order Status")
        is_uuid_ref(shown["Secret href"], "secrets")
        equal(shown["Error code"], None, "Error code")
        _, key, _ = cli("barbican", "secret", "get", shown["Secret href"], "-f", "json")
        equal((key["Algorithm"], key["Bit length"], key["Mode"], key["Secret type"]),
              ("aes", 256, "cbc", "symmetric"), "generated key's metadata")
        _, pair, _ = cli("barbican", "secret", "order", "create", "asymmetric", "--name", name + "-rsa",
                         "--algorithm", "rsa", "--bit-length", "2048", "-f", "json")
        _, shown_pair, _ = cli("barbican", "secret", "order", "get", pair["Order href"], "-f", "json")
        equal(shown_pair["Type"], "Asymmetric", "order Type")
        equal(shown_pair["Status"], "ACTIVE", "order Status")
        is_uuid_ref(shown_pair["Container href"], "containers")
        _, orders, _ = cli("barbican", "secret", "order", "list", "--limit", "100", "-f", "json")
        expect(ref in {o["Order href"] for o in orders}, "the order is listed")
        cli("barbican", "secret", "order", "delete", ref)
        _, _, err = cli("barbican", "secret", "order", "get", ref, ok=False)
        expect("Not Found" in err, f"get of a deleted order: {last_error(err)}")

    @check("barbican secret container create/get/list/delete (generic and rsa)")
    def _():
        one = {"Secret href": api().secrets.create(name=name + "-m1", payload="m1").store()}
        two = {"Secret href": api().secrets.create(name=name + "-m2", payload="m2").store()}
        _, created, _ = cli("barbican", "secret", "container", "create", "--name", name + "-box", "--type", "generic",
                            "--secret", "one=" + one["Secret href"], "--secret", "two=" + two["Secret href"],
                            "-f", "json")
        ref = is_uuid_ref(created["Container href"], "containers")
        _, shown, _ = cli("barbican", "secret", "container", "get", ref, "-f", "json")
        equal(shown["Type"], "generic", "container Type")
        equal(shown["Status"], "ACTIVE", "container Status")
        equal(shown["Name"], name + "-box", "container Name")
        equal(sorted(shown["Secrets"].splitlines()),
              sorted(["one=" + one["Secret href"], "two=" + two["Secret href"]]), "container Secrets")
        _, rsa, _ = cli("barbican", "secret", "container", "create", "--name", name + "-rsabox", "--type", "rsa",
                        "--secret", "private_key=" + one["Secret href"], "--secret", "public_key=" + two["Secret href"],
                        "-f", "json")
        # (-f json cannot print an rsa container: barbicanclient 5.4 hands cliff a datetime for its Created)
        _, shown_rsa, _ = cli("barbican", "secret", "container", "get", rsa["Container href"], "-f", "value",
                              "-c", "Type", "-c", "Public Key", "-c", "Private Key")
        equal(shown_rsa.split(), ["rsa", two["Secret href"], one["Secret href"]], "rsa container Type and keys")
        _, listed, _ = cli("barbican", "secret", "container", "list", "--limit", "100", "-f", "json")
        expect({ref, rsa["Container href"]} <= {c["Container href"] for c in listed}, "containers listed")
        cli("barbican", "secret", "container", "delete", ref)
        api().containers.delete(rsa["Container href"])
        _, _, err = cli("barbican", "secret", "container", "get", ref, ok=False)
        expect("Not Found" in err, f"get of a deleted container: {last_error(err)}")
        # deleting a container leaves its secrets, as in Barbican
        equal(api().secrets.get(one["Secret href"]).status, "ACTIVE", "a member's status after the deletion")

    @check("barbican with a reader's token: store refused with 403 Forbidden, nothing stored")
    def _():
        _, _, err = cli("barbican", "secret", "store", "--name", name + "-reader", "--payload", "x",
                        env=BOB_ENV, ok=False)
        expect("Forbidden" in err or "403" in err, f"reader's store: {last_error(err)}")
        equal(api().secrets.list(name=name + "-reader"), [], "secrets stored by the refused request")


def acls():
    """Barbican's read ACLs through `barbican acl ...` and the Python API: bob (projB) reads alice's secret."""
    from barbicanclient import exceptions as barbican_exceptions
    name = f"acl-{RUN}"
    bob_id = os.environ["KEYSTONE_DEV_BOB_ID"]
    alice_id = os.environ["KEYSTONE_DEV_ALICE_ID"]

    def acl_rows(ref):
        _, rows, _ = cli("barbican", "acl", "get", ref, "-f", "json")
        return rows

    @check("barbican acl get/submit/user add/user remove/delete on a secret; the listed user reads it")
    def _():
        ref = api().secrets.create(name=name, payload="shared").store()
        rows = acl_rows(ref)
        equal(len(rows), 1, "one ACL row (read)")
        equal((rows[0]["Operation Type"], rows[0]["Project Access"], rows[0]["Users"]), ("read", True, []),
              "default ACL")
        expect(rows[0]["Secret ACL Ref"] == ref + "/acl", f"ACL ref: {rows[0]['Secret ACL Ref']!r}")
        _, rows, _ = cli("barbican", "acl", "submit", "--user", bob_id, "--no-project-access", ref, "-f", "json")
        equal((rows[0]["Project Access"], rows[0]["Users"]), (False, [bob_id]), "submitted ACL")
        is_timestamp(rows[0]["Created"], "Created")
        equal(api("bob", "projB").secrets.get(ref).payload, "shared", "the ACL's user reads the payload")
        _, rows, _ = cli("barbican", "acl", "user", "add", "--user", alice_id, ref, "-f", "json")
        equal(sorted(rows[0]["Users"]), sorted([bob_id, alice_id]), "users after adding")
        equal(rows[0]["Project Access"], False, "project access kept by user add")
        _, rows, _ = cli("barbican", "acl", "user", "remove", "--user", bob_id, ref, "-f", "json")
        equal(rows[0]["Users"], [alice_id], "users after removing")
        try:
            api("bob", "projB").secrets.get(ref).payload
        except barbican_exceptions.HTTPClientError as e:
            expect(e.status_code in (403, 404), f"status_code {e.status_code}")
        else:
            raise AssertionError("a user removed from the ACL still reads the secret")
        cli("barbican", "acl", "delete", ref)
        equal([(r["Project Access"], r["Users"]) for r in acl_rows(ref)], [(True, [])], "ACL after delete")
        # the CLI offers only "read"; Barbican's validator refuses any other operation with 400
        status, body = raw("PUT", "/v1/secrets/" + ref.rsplit("/", 1)[1] + "/acl", token("alice", "projA"),
                           {"write": {"users": [bob_id]}})
        barbican_error(status, body, 400, "a write ACL")

    @check("python API: ACLs of a container and a secret (get, submit, remove); another project reads the container")
    def _():
        member = api().secrets.create(name=name + "-m", payload="m").store()
        box = api().containers.create(name=name + "-box", secrets={"k": api().secrets.get(member)}).store()
        acl = api().acls.create(entity_ref=box, users=[bob_id], project_access=True)
        acl_ref = acl.submit()
        equal(acl_ref, box + "/acl", "acl_ref returned by PUT")
        got = api().acls.get(box)
        equal((got.read.users, got.read.project_access), ([bob_id], True), "container ACL")
        expect(isinstance(got.read.created, datetime.datetime), f"created: {got.read.created!r}")
        equal(api("bob", "projB").containers.get(box).name, name + "-box", "the ACL's user reads the container")
        got.remove()
        equal(api().acls.get(box).read.users, [], "container ACL after remove")
        try:
            api("bob", "projB").containers.get(box).name
        except barbican_exceptions.HTTPClientError as e:
            equal(e.status_code, 404, "status_code")
        else:
            raise AssertionError("another project reads a container without an ACL")
        try:
            api("bob", "projB").acls.get(member).read
        except barbican_exceptions.HTTPClientError as e:
            expect(e.status_code in (403, 404), f"status_code {e.status_code}")
        else:
            raise AssertionError("another project reads a secret's ACL")
        api().containers.delete(box)


def openstack_cli():
    name = f"osc-{RUN}"

    @check("openstack secret store/get/get --payload/list/delete through the catalog's key-manager endpoint")
    def _():
        _, stored, _ = cli("openstack", "secret", "store", "--name", name, "--payload", "osc payload",
                           "--secret-type", "passphrase", "-f", "json")
        secret_fields(stored, "store")
        ref = is_uuid_ref(stored["Secret href"], "secrets")
        _, shown, _ = cli("openstack", "secret", "get", ref, "-f", "json")
        secret_fields(shown, "get")
        equal(shown["Secret type"], "passphrase", "Secret type")
        equal(shown["Status"], "ACTIVE", "Status")
        _, payload, _ = cli("openstack", "secret", "get", "--payload", ref, "-f", "json")
        equal(payload, {"Payload": "osc payload"}, "payload")
        _, listed, _ = cli("openstack", "secret", "list", "--name", name, "-f", "json")
        equal([s["Secret href"] for s in listed], [ref], "listed by name")
        cli("openstack", "secret", "delete", ref)
        _, _, err = cli("openstack", "secret", "get", ref, ok=False)
        expect("Not Found" in err, f"get of a deleted secret: {last_error(err)}")

    @check("openstack secret order create key, openstack secret container create generic")
    def _():
        _, order, _ = cli("openstack", "secret", "order", "create", "key", "--name", name + "-order", "-f", "json")
        _, shown, _ = cli("openstack", "secret", "order", "get", order["Order href"], "-f", "json")
        equal(shown["Status"], "ACTIVE", "order Status")
        _, box, _ = cli("openstack", "secret", "container", "create", "--name", name + "-box",
                        "--secret", "key=" + shown["Secret href"], "-f", "json")
        _, shown_box, _ = cli("openstack", "secret", "container", "get", box["Container href"], "-f", "json")
        equal(shown_box["Secrets"], "key=" + shown["Secret href"], "container Secrets")
        cli("openstack", "secret", "container", "delete", box["Container href"])
        cli("openstack", "secret", "order", "delete", order["Order href"])


def python_api():
    from barbicanclient import exceptions as barbican_exceptions
    from barbicanclient.v1 import containers as barbican_containers

    alice = api("alice", "projA")
    bob_b = api("bob", "projB")              # member of another project
    name = f"api-{RUN}"
    alice_token = token("alice", "projA")

    @check("python API: store bytes and text, get metadata with Barbican's types, payload round trip")
    def _():
        material = os.urandom(32)
        secret = alice.secrets.create(name=name, payload=material, algorithm="aes", bit_length=256, mode="xts",
                                      secret_type="symmetric")
        ref = is_uuid_ref(secret.store(), "secrets")
        got = alice.secrets.get(ref)
        equal(got.name, name, "name")
        equal(got.secret_type, "symmetric", "secret_type")
        equal(got.bit_length, 256, "bit_length")
        equal(got.mode, "xts", "mode")
        equal(got.status, "ACTIVE", "status")
        equal(got.content_types, {"default": "application/octet-stream"}, "content_types")
        expect(isinstance(got.created, datetime.datetime) and got.created.tzinfo is not None,
               f"created is not an aware datetime: {got.created!r}")
        expect(got.payload == material, "binary payload differs")
        text = alice.secrets.create(name=name + "-text", payload="pässword").store()
        got_text = alice.secrets.get(text)
        equal(got_text.content_types, {"default": "text/plain"}, "content_types of a text secret")
        equal(got_text.payload, "pässword", "text payload")
        # metadata as Barbican returns it, seen raw
        status, body = raw("GET", "/v1/secrets/" + ref.rsplit("/", 1)[1], alice_token)
        equal(status, 200, "GET metadata status")
        expect({"created", "updated", "status", "name", "secret_type", "expiration", "algorithm", "bit_length",
                "mode", "creator_id", "content_types", "secret_ref"} <= set(body),
               f"metadata lacks Barbican's fields: {sorted(body)}")
        equal(body["creator_id"], os.environ.get("KEYSTONE_DEV_ALICE_ID", body["creator_id"]), "creator_id")

    @check("python API: wrong payload content type and bad input get 400 with Barbican's error body")
    def _():
        for body, what in [
            ({"name": name, "payload": "x", "payload_content_type": "application/x-bogus"}, "unknown content type"),
            ({"name": name, "payload": "x", "payload_content_type": "application/octet-stream"},
             "octet-stream without base64 encoding"),
            ({"name": name, "payload": "not base64!", "payload_content_type": "application/octet-stream",
              "payload_content_encoding": "base64"}, "bad base64"),
            ({"name": name, "payload": "x", "payload_content_type": "text/plain",
              "expiration": "2001-01-01T00:00:00"}, "expiration in the past"),
            ({"name": name, "payload": "x", "payload_content_type": "text/plain", "bit_length": -1}, "negative bits"),
        ]:
            status, answer = raw("POST", "/v1/secrets", alice_token, body)
            barbican_error(status, answer, 400, what)
        try:
            alice.secrets.create(name=name, payload="x", payload_content_type="application/x-bogus").store()
        except barbican_exceptions.HTTPClientError as e:
            equal(e.status_code, 400, "client's status_code")
        else:
            raise AssertionError("the client stored a secret with an unknown content type")

    @check("python API: a deleted secret is gone (404 HTTPClientError), a second delete too")
    def _():
        ref = alice.secrets.create(name=name + "-gone", payload="x").store()
        alice.secrets.delete(ref)
        for attempt in (lambda: alice.secrets.get(ref).name, lambda: alice.secrets.get(ref).payload,
                        lambda: alice.secrets.delete(ref)):
            try:
                attempt()
            except barbican_exceptions.HTTPClientError as e:
                equal(e.status_code, 404, "status_code")
            else:
                raise AssertionError("a deleted secret answered")

    @check("python API: another project's secret is invisible (404), listing sees only one's own project")
    def _():
        ref = alice.secrets.create(name=name + "-mine", payload="x").store()
        try:
            bob_b.secrets.get(ref).name
        except barbican_exceptions.HTTPClientError as e:
            equal(e.status_code, 404, "status_code")
        else:
            raise AssertionError("another project read the secret")
        equal(bob_b.secrets.list(name=name + "-mine"), [], "another project's listing")

    @check("python API: listing with limit/offset, total, next and previous as Barbican pages them")
    def _():
        refs = {alice.secrets.create(name=name + "-page", payload=f"p{i}").store() for i in range(5)}
        first = alice.secrets.list(name=name + "-page", limit=2, offset=0)
        second = alice.secrets.list(name=name + "-page", limit=2, offset=2)
        third = alice.secrets.list(name=name + "-page", limit=2, offset=4)
        equal((len(first), len(second), len(third)), (2, 2, 1), "page sizes")
        equal({s.secret_ref for s in first + second + third}, refs, "the pages cover every secret once")
        status, body = raw("GET", f"/v1/secrets?name={name}-page&limit=2&offset=2", alice_token)
        equal(status, 200, "list status")
        equal(body["total"], 5, "total")
        expect("offset=4" in body["next"] and "limit=2" in body["next"], f"next: {body.get('next')!r}")
        expect("offset=0" in body["previous"], f"previous: {body.get('previous')!r}")
        status, body = raw("GET", f"/v1/secrets?name={name}-page&limit=2&offset=4", alice_token)
        expect("next" not in body, f"the last page has a next link: {body.get('next')!r}")
        status, body = raw("GET", f"/v1/secrets?name={name}-page&limit=2&offset=0", alice_token)
        expect("previous" not in body, f"the first page has a previous link: {body.get('previous')!r}")
        by_type = alice.secrets.list(name=name + "-page", secret_type="opaque", limit=10)
        equal(len(by_type), 5, "filter by secret_type")
        status, body = raw("GET", "/v1/secrets?limit=100", alice_token)
        created = [s["created"] for s in body["secrets"]]
        equal(created, sorted(created), "default order (Barbican's: oldest first)")

    @check("python API: key and asymmetric orders, order list and delete")
    def _():
        order = alice.orders.create_key(name=name + "-order", algorithm="aes", bit_length=128, mode="cbc",
                                        payload_content_type="application/octet-stream")
        ref = is_uuid_ref(order.submit(), "orders")
        got = wait_order(alice, ref)
        equal(got.status, "ACTIVE", "order status")
        key = alice.secrets.get(got.secret_ref)
        equal((key.algorithm, key.bit_length, key.secret_type), ("aes", 128, "symmetric"), "generated key")
        equal(len(key.payload), 16, "generated key length")
        pair = alice.orders.create_asymmetric(name=name + "-rsa", algorithm="rsa", bit_length=2048)
        pair_ref = pair.submit()
        got_pair = wait_order(alice, pair_ref)
        container = alice.containers.get(got_pair.container_ref)
        expect(isinstance(container, barbican_containers.RSAContainer), f"not an RSAContainer: {type(container)}")
        private = alice.secrets.get(container.private_key.secret_ref)
        equal(private.secret_type, "private", "private key type")
        expect(private.payload.startswith(b"-----BEGIN PRIVATE KEY-----"), "private key is not PKCS#8 PEM")
        public = alice.secrets.get(container.public_key.secret_ref)
        expect(public.payload.startswith(b"-----BEGIN PUBLIC KEY-----"), "public key is not PEM")
        expect(ref in {o.order_ref for o in alice.orders.list(limit=100)}, "order listed")
        alice.orders.delete(ref)
        try:
            alice.orders.get(ref).status
        except barbican_exceptions.HTTPClientError as e:
            equal(e.status_code, 404, "status_code")
        else:
            raise AssertionError("a deleted order answered")
        status, body = raw("POST", "/v1/orders", alice_token, {"type": "key", "meta": {"algorithm": "aes",
                                                                                        "bit_length": 100}})
        barbican_error(status, body, 400, "an order for a 100-bit AES key")

    @check("python API: generic, rsa and certificate containers, member add and remove, list by type")
    def _():
        one = alice.secrets.create(name=name + "-c1", payload="c1")
        two = alice.secrets.create(name=name + "-c2", payload="c2")
        one.store()
        two.store()
        generic = alice.containers.create(name=name + "-generic", secrets={"one": one})
        ref = is_uuid_ref(generic.store(), "containers")
        got = alice.containers.get(ref)
        expect(type(got) is barbican_containers.Container, f"not a generic Container: {type(got)}")
        equal(got.status, "ACTIVE", "status")
        equal(set(got.secret_refs), {"one"}, "members")
        equal(got.secret_refs["one"], one.secret_ref, "member reference")
        status, body = raw("POST", f"/v1/containers/{ref.rsplit('/', 1)[1]}/secrets", alice_token,
                           {"name": "two", "secret_ref": two.secret_ref})
        equal(status, 201, "add a member")
        equal(set(alice.containers.get(ref).secret_refs), {"one", "two"}, "members after adding")
        status, _ = raw("DELETE", f"/v1/containers/{ref.rsplit('/', 1)[1]}/secrets", alice_token,
                        {"name": "two", "secret_ref": two.secret_ref})
        equal(status, 204, "remove a member")
        equal(set(alice.containers.get(ref).secret_refs), {"one"}, "members after removing")
        rsa = alice.containers.create_rsa(name=name + "-rsa", public_key=two, private_key=one).store()
        cert = alice.containers.create_certificate(name=name + "-cert", certificate=two, private_key=one).store()
        expect(isinstance(alice.containers.get(cert), barbican_containers.CertificateContainer),
               "not a CertificateContainer")
        listed = {c.container_ref for c in alice.containers.list(type="rsa", limit=100)}
        expect(rsa in listed and ref not in listed, "list by type")
        status, body = raw("POST", "/v1/containers", alice_token, {"type": "rsa", "name": "x", "secret_refs": [
            {"name": "bogus", "secret_ref": one.secret_ref}]})
        barbican_error(status, body, 400, "an rsa container with a member rsa does not take")
        for container in (ref, rsa, cert):
            alice.containers.delete(container)

    @check("python API: container consumers register and remove; secret consumers (API 1.1) guard deletion")
    def _():
        secret = alice.secrets.create(name=name + "-consumed", payload="x").store()
        box = alice.containers.create(name=name + "-consumed-box",
                                      secrets={"k": alice.secrets.get(secret)}).store()
        with_consumer = alice.containers.register_consumer(box, "volume", "http://volumes.example/v3/vol-1")
        equal([(c["name"], c["URL"]) for c in with_consumer.consumers],
              [("volume", "http://volumes.example/v3/vol-1")], "container consumers")
        alice.containers.remove_consumer(box, "volume", "http://volumes.example/v3/vol-1")
        equal(alice.containers.get(box).consumers, [], "consumers after removal")
        secret_id = secret.rsplit("/", 1)[1]
        v11 = {"OpenStack-API-Version": "key-manager 1.1"}
        consumer = {"service": "image", "resource_type": "image", "resource_id": "img-1"}
        status, body = raw("POST", f"/v1/secrets/{secret_id}/consumers", alice_token, consumer, v11)
        equal(status, 200, "register a secret consumer")
        status, body = raw("DELETE", f"/v1/secrets/{secret_id}", alice_token, None, v11)
        barbican_error(status, body, 409, "delete of a consumed secret")
        status, body = raw("GET", f"/v1/secrets/{secret_id}/consumers", alice_token, None, v11)
        equal((status, body["total"]), (200, 1), "consumers listed")
        status, _ = raw("DELETE", f"/v1/secrets/{secret_id}/consumers", alice_token, consumer, v11)
        equal(status, 200, "remove a secret consumer")
        alice.containers.delete(box)
        alice.secrets.delete(secret)

    @check("python API: version discovery and quotas")
    def _():
        status, body = raw("GET", "/v1/quotas", alice_token)
        equal(status, 200, "quotas status")
        expect(set(body["quotas"]) >= {"secrets", "orders", "containers", "consumers", "cas"},
               f"quotas: {body!r}")
        request = urllib.request.Request(LOCKBOX_URL + "/", headers={"Accept": "application/json"})
        try:
            urllib.request.urlopen(request, timeout=30)
            raise AssertionError("GET / did not answer 300")
        except urllib.error.HTTPError as e:
            equal(e.code, 300, "GET / status")
            versions = json.loads(e.read())["versions"]["values"]
            equal([v["id"] for v in versions], ["v1"], "versions")


def wait_order(client, ref):
    for _ in range(60):
        order = client.orders.get(ref)
        if order.status != "PENDING":
            return order
        time.sleep(0.5)
    raise AssertionError(f"order still PENDING: {ref}")


def castellan():
    from castellan.common import exception as castellan_exceptions
    from castellan.common.credentials import keystone_token
    from castellan.common.objects import opaque_data, passphrase, private_key, public_key, symmetric_key
    from castellan.key_manager import barbican_key_manager
    from oslo_config import cfg

    conf = cfg.ConfigOpts()
    conf([], project="lockbox-clients")
    manager = barbican_key_manager.BarbicanKeyManager(conf)
    # the key-manager endpoint comes from Keystone's catalog, as in a real deployment
    conf.set_override("auth_endpoint", AUTH_URL, group="barbican")
    conf.set_override("retry_delay", 0, group="barbican")
    conf.set_override("number_of_retries", 20, group="barbican")
    project_a = None
    _, body = keystone("POST", "/auth/tokens?nocatalog", body={"auth": {
        "identity": {"methods": ["password"], "password": {"user": {
            "name": "alice", "domain": {"id": "default"}, "password": PASSWORD}}},
        "scope": {"project": {"name": "projA", "domain": {"id": "default"}}}}})
    project_a = body["token"]["project"]["id"]
    context = keystone_token.KeystoneToken(token=token("alice", "projA"), auth_url=AUTH_URL, project_id=project_a)
    name = f"castellan-{RUN}"
    created = []

    @check("castellan: create_key (an order polled to completion), get returns the same SymmetricKey")
    def _():
        key_id = manager.create_key(context, algorithm="AES", length=256, name=name + "-key")
        created.append(key_id)
        uuid.UUID(key_id)
        key = manager.get(context, key_id)
        expect(isinstance(key, symmetric_key.SymmetricKey), f"not a SymmetricKey: {type(key)}")
        equal(key.algorithm.upper(), "AES", "algorithm")
        equal(key.bit_length, 256, "bit_length")
        equal(len(key.get_encoded()), 32, "key bytes")
        equal(key.name, name + "-key", "name")
        expect(key.created is not None, "created not set")

    @check("castellan: create_key_pair gives a private and a public RSA key that belong together")
    def _():
        private_id, public_id = manager.create_key_pair(context, algorithm="RSA", length=2048, name=name + "-pair")
        created.extend([private_id, public_id])
        private = manager.get(context, private_id)
        public = manager.get(context, public_id)
        expect(isinstance(private, private_key.PrivateKey), f"not a PrivateKey: {type(private)}")
        expect(isinstance(public, public_key.PublicKey), f"not a PublicKey: {type(public)}")
        equal((private.bit_length, public.bit_length), (2048, 2048), "bit lengths")
        from cryptography.hazmat.primitives import hashes, serialization
        from cryptography.hazmat.primitives.asymmetric import padding
        loaded_private = serialization.load_der_private_key(private.get_encoded(), password=None)
        loaded_public = serialization.load_der_public_key(public.get_encoded())
        signature = loaded_private.sign(b"lockbox", padding.PKCS1v15(), hashes.SHA256())
        loaded_public.verify(signature, b"lockbox", padding.PKCS1v15(), hashes.SHA256())

    @check("castellan: store and get SymmetricKey, Passphrase and OpaqueData unchanged")
    def _():
        objects = [symmetric_key.SymmetricKey("AES", 128, os.urandom(16), name=name + "-sym"),
                   passphrase.Passphrase(b"correct horse battery staple", name=name + "-pass"),
                   opaque_data.OpaqueData(os.urandom(48), name=name + "-opaque")]
        for stored in objects:
            key_id = manager.store(context, stored)
            created.append(key_id)
            got = manager.get(context, key_id)
            equal(type(got), type(stored), "object type")
            expect(got.get_encoded() == stored.get_encoded(), f"{type(stored).__name__} bytes differ")
            equal(got.name, stored.name, "name")

    @check("castellan: list, list by object type, and metadata_only (Barbican's first page, oldest first)")
    def _():
        # castellan lists one page of barbicanclient's default size (10) in Barbican's order, oldest first,
        # leaving out (with a warning) any secret whose payload it may not read: in the shared project,
        # other tests' keys owned by the volume service answer 403 to alice alone
        from barbicanclient import client as barbican_client
        from barbicanclient import exceptions as barbican_exceptions
        from keystoneauth1 import session as ks_session
        from keystoneauth1.identity import v3
        plain = barbican_client.Client(session=ks_session.Session(auth=v3.Token(
            auth_url=AUTH_URL, token=context.token, project_id=project_a)))

        def readable(secret):
            try:
                secret.payload
                return True
            except barbican_exceptions.HTTPClientError as e:
                if getattr(e, "status_code", None) != 403:
                    raise
                return False

        types = {"symmetric": symmetric_key.SymmetricKey, "passphrase": passphrase.Passphrase,
                 "opaque": opaque_data.OpaqueData, "private": private_key.PrivateKey,
                 "public": public_key.PublicKey}
        for object_type in (None, symmetric_key.SymmetricKey, passphrase.Passphrase, opaque_data.OpaqueData):
            secret_type = next((t for t, c in types.items() if c is object_type), None)
            expected = [secret for secret in plain.secrets.list(secret_type=secret_type) if readable(secret)]
            listed = manager.list(context, object_type=object_type)
            what = object_type.__name__ if object_type else "every type"
            equal([o.id for o in listed], [s.secret_ref.rsplit("/", 1)[1] for s in expected], f"ids ({what})")
            for obj, secret in zip(listed, expected):
                expect(type(obj) is types.get(secret.secret_type, opaque_data.OpaqueData) or
                       secret.secret_type not in types, f"{secret.secret_type} listed as {type(obj).__name__}")
            expect(object_type is None or listed, f"nothing listed for {what}")
        stored = manager.store(context, symmetric_key.SymmetricKey("AES", 256, os.urandom(32), name=name + "-list"))
        created.append(stored)
        metadata = manager.list(context, object_type=symmetric_key.SymmetricKey, metadata_only=True)
        expect(metadata and all(o.is_metadata_only() for o in metadata), "metadata_only listing carries material")
        full = manager.list(context, object_type=symmetric_key.SymmetricKey)
        expect(all(not o.is_metadata_only() and o.get_encoded() for o in full), "full listing lacks material")

    @check("castellan: delete; get and delete of the deleted key raise ManagedObjectNotFoundError")
    def _():
        for key_id in created:
            manager.delete(context, key_id)
        for attempt in (manager.get, manager.delete):
            try:
                attempt(context, created[0])
            except castellan_exceptions.ManagedObjectNotFoundError:
                pass
            else:
                raise AssertionError(f"{attempt.__name__} of a deleted key did not raise ManagedObjectNotFoundError")

    @check("castellan: another project's key is not found; a reader may not create keys")
    def _():
        key_id = manager.store(context, opaque_data.OpaqueData(b"alice's", name=name + "-private"))
        _, other = keystone("POST", "/auth/tokens?nocatalog", body={"auth": {
            "identity": {"methods": ["password"], "password": {"user": {
                "name": "bob", "domain": {"id": "default"}, "password": PASSWORD}}},
            "scope": {"project": {"name": "projB", "domain": {"id": "default"}}}}})
        bob_b = keystone_token.KeystoneToken(token=token("bob", "projB"), auth_url=AUTH_URL,
                                             project_id=other["token"]["project"]["id"])
        other_manager = barbican_key_manager.BarbicanKeyManager(conf)
        try:
            other_manager.get(bob_b, key_id)
        except castellan_exceptions.ManagedObjectNotFoundError:
            pass
        else:
            raise AssertionError("another project read the key")
        reader = keystone_token.KeystoneToken(token=token("bob", "projA"), auth_url=AUTH_URL, project_id=project_a)
        reader_manager = barbican_key_manager.BarbicanKeyManager(conf)
        try:
            reader_manager.store(reader, opaque_data.OpaqueData(b"x", name=name + "-reader"))
        except castellan_exceptions.KeyManagerError as e:
            expect("Forbidden" in str(e) or "403" in str(e), f"reader's store: {e}")
        else:
            raise AssertionError("a reader stored a key")
        manager.delete(context, key_id)


def main():
    print(f"Barbican clients against {LOCKBOX_URL}, tokens from {AUTH_URL}", flush=True)
    register_key_manager_endpoint()
    only = set(sys.argv[1:])
    for group in (barbican_cli, acls, openstack_cli, python_api, castellan):
        if not only or group.__name__ in only:
            print(f"-- {group.__name__}", flush=True)
            group()
    print(f"{results['passed']} passed, {results['failed']} failed", flush=True)
    return 1 if results["failed"] else 0


if __name__ == "__main__":
    sys.exit(main())
