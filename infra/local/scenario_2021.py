#!/usr/bin/env python3
"""The 2021 scenario, driven over the services' REST APIs (called by infra/local/demo.sh).

A forum post claims 279 million records; the organisation becomes aware; a sample is uploaded and verified against
a synthetic registry; the holding statement is drafted, approved and published. Standard library only.
Configuration comes from the environment (set by demo.sh): the services' base URLs, a bearer token per role, and the
folder the synthetic data was generated into.
"""
import json
import os
import sys
import time
import urllib.error
import urllib.request
import uuid
from datetime import datetime, timezone

INTAKE = os.environ["LW_INTAKE"]
MATCHING = os.environ["LW_MATCHING"]
STATEMENT = os.environ["LW_STATEMENT"]
TOKENS = {role: os.environ["LW_TOKEN_" + role.upper()] for role in ("reporter", "analyst", "comms", "auditor")}
DATA = os.environ["LW_DATA_DIR"]
TIMEOUT = int(os.environ.get("LW_SCENARIO_TIMEOUT", "180"))


class Failed(Exception):
    pass


def call(method, url, role=None, body=None, content_type="application/json", expect=(200,)):
    data = None
    headers = {"Accept": "application/json"}
    if role:
        headers["Authorization"] = "Bearer " + TOKENS[role]
    if body is not None:
        headers["Content-Type"] = content_type
        data = body if isinstance(body, bytes) else json.dumps(body).encode("utf-8")
    request = urllib.request.Request(url, data=data, headers=headers, method=method)
    try:
        with urllib.request.urlopen(request, timeout=120) as response:
            status, payload = response.status, response.read()
    except urllib.error.HTTPError as error:
        status, payload = error.code, error.read()
    if status not in expect:
        raise Failed(f"{method} {url} answered {status}: {payload[:600].decode('utf-8', 'replace')}")
    return json.loads(payload) if payload else None


def step(text):
    print(f"\n== {text}", flush=True)


def progress(label, done, total=None):
    if total:
        width = 30
        filled = int(width * min(done, total) / total)
        line = f"   {label} [{'#' * filled}{'.' * (width - filled)}] {done}/{total}"
    else:
        line = f"   {label}: {done}"
    print("\r" + line, end="", flush=True)


def wait_for(what, check, every=0.5):
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        result = check()
        if result:
            return result
        time.sleep(every)
    raise Failed(f"gave up waiting for {what} after {TIMEOUT} s")


def now():
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def data_shares():
    step("The registry's data shares (where its data goes), with their column lists and canary sets")
    existing = {share["name"] for share in call("GET", f"{MATCHING}/api/v1/data-shares", "analyst")}
    with open(os.path.join(DATA, "shares.json"), encoding="utf-8") as f:
        shares = json.load(f)
    for share in shares:
        if share["name"] in existing:
            print(f"   {share['name']}: already there")
            continue
        call("POST", f"{MATCHING}/api/v1/data-shares", "analyst", {
            "name": share["name"], "description": "synthetic demo share", "recipient": share["name"],
            "columns": share["columns"], "canarySet": share.get("canarySet")}, expect=(200, 201))
        print(f"   {share['name']}: {len(share['columns'])} columns, canary set {share.get('canarySet')}")


def registry_import():
    step("Importing the (synthetic) participant registry: tokenised as it streams, plaintext dropped")
    with open(os.path.join(DATA, "registry.csv"), "rb") as f:
        body = f.read()
    accepted = call("POST", f"{MATCHING}/api/v1/registry/imports", "analyst", body,
                    content_type="text/csv; charset=UTF-8", expect=(202,))
    import_id = accepted["importId"]

    def finished():
        state = call("GET", f"{MATCHING}/api/v1/registry/imports/{import_id}", "analyst")
        progress("rows read", state["rowsRead"])
        if state["status"] == "FAILED":
            raise Failed(f"the registry import failed: {state.get('failure')}")
        return state if state["status"] == "COMPLETED" else None

    state = wait_for("the registry import", finished)
    print(f"\n   import {import_id}: {state['rowsRead']} rows, {state['rowsRejected']} rejected")
    stats = wait_for("the registry index", lambda: (lambda s: s if s["registryMembers"] > 0 else None)(
        call("GET", f"{MATCHING}/api/v1/registry/stats", "analyst")))
    print(f"   registry: {stats['registryMembers']} living members, {stats['deceased']} deceased, "
          f"{stats['versions']} versions, {stats['canarySets']} canary sets")


def report_claim():
    step("A forum post offers the records of '279 million Indonesians' (20 May 2021): filing the claim")
    run = uuid.uuid4().hex[:8]
    claim = {
        "title": "Data of 279 million Indonesians offered on a forum",
        "source": {"kind": "FORUM", "url": f"https://raidforums.example/Thread-279-million-Indonesians-{run}",
                   "actor": "Kotz"},
        "claimedRecordCount": 279000000,
        "dataCategories": ["NIK", "CARD_NO", "NAME", "BIRTH_DATE", "PHONE", "ADDRESS", "SALARY"],
        "discoveredAt": "2021-05-20T09:00:00Z",
        "jurisdictions": ["ID"],
    }
    incident = call("POST", f"{INTAKE}/api/v1/incidents", "reporter", claim, expect=(201,))
    print(f"   incident {incident['incidentId']} {incident['status']}")
    return incident["incidentId"]


def awareness(incident_id):
    step("The organisation is aware: the UU PDP clock (3 x 24 hours) starts")
    incident = call("POST", f"{INTAKE}/api/v1/incidents/{incident_id}/awareness", "analyst",
                    {"awareAt": now(), "jurisdictions": ["ID"]})
    for clock in incident["awareness"]["clocks"]:
        print(f"   {clock['jurisdiction']}: notify by {clock['dueAt']} ({clock['state']})")


def upload_sample(incident_id):
    step("Uploading the sample the seller gave away (the 2021 dump's columns), tokenised as it streams")
    with open(os.path.join(DATA, "sample.csv"), "rb") as f:
        body = f.read()
    mapping = ""
    mapping_file = os.path.join(DATA, "mapping.txt")
    if os.path.exists(mapping_file):
        with open(mapping_file, encoding="utf-8") as f:
            mapping = "?mapping=" + urllib.request.quote(f.read().strip(), safe=":,")
    sample = call("POST", f"{INTAKE}/api/v1/incidents/{incident_id}/samples{mapping}", "reporter", body,
                  content_type="text/csv; charset=UTF-8", expect=(202,))
    print(f"   sample {sample['sampleId']}: {sample['rows']} rows, {sample['invalidRows']} with an invalid NIK, "
          f"{sample['chunks']} chunks, SHA-256 {sample['sha256'][:16]}...")
    print(f"   header {', '.join(sample['headerNames'])}; not stored: {', '.join(sample['unmappedColumns']) or 'none'}")
    return sample["sampleId"]


def verification(incident_id, sample_id):
    step("matching-service verifies the sample against the registry")

    def completed():
        view = call("GET", f"{MATCHING}/api/v1/verifications/{sample_id}", "analyst", expect=(200, 404))
        if not view or "progress" not in view:
            return None  # not started yet: a 404 problem
        done = view["progress"]["chunksDone"]
        expected = view["progress"]["chunksExpected"]
        progress("chunks verified", done, expected)
        if view["status"] == "FAILED":
            raise Failed(f"the verification failed: {view.get('failureReason')}")
        return view if view["status"] == "COMPLETED" else None

    v = wait_for("the verification", completed)
    print()
    pct = lambda x: f"{100 * x:.1f}%"
    print(f"   rows {v['rows']}: {v['invalidRows']} invalid NIKs, {v['duplicateRows']} repeats, "
          f"{v['matchedRows']} registry members, {v['notFoundRows']} not found")
    print(f"   match rate {pct(v['matchRate'])} (95% {pct(v['matchRateLow'])}-{pct(v['matchRateHigh'])}), "
          f"fully agreeing {pct(v['agreementRate'])} (95% {pct(v['agreementLow'])}-{pct(v['agreementHigh'])})")
    print(f"   deceased members in the sample: {v['deceasedRows']}; latest updated_at: {v['latestUpdatedAt']}")
    window = v.get("snapshotWindow")
    if window:
        print(f"   the data agrees with the registry as it was from {window['from']} to {window['to'] or 'today'} "
              f"(support {pct(window['support'])})")
    for hit in v["canaryHits"]:
        print(f"   canary set {hit['canarySet']} of share {hit['share']}: {hit['rows']} rows")
    if v["schemaMatches"]:
        best = v["schemaMatches"][0]
        print(f"   the header looks most like share {best['share']} (Jaccard {best['similarity']:.2f})")
    print(f"   claim {v['claimedRecordCount']:,} vs {v['registryMembers']:,} living members: "
          f"{'the claim exceeds the registry' if v['claimExceedsRegistry'] else 'within the registry'}")
    print(f"   VERDICT: {v['verdict']}")
    wait_for("the incident to take the verdict", lambda: call(
        "GET", f"{INTAKE}/api/v1/incidents/{incident_id}", "analyst")["status"] == "VERIFIED")
    return v


def publish(incident_id):
    step("statement-service drafted the holding statement from the facts; comms approves and publishes it")
    url = f"{STATEMENT}/api/v1/incidents/{incident_id}/statements"
    # Drafts follow the facts within a moment; take the newest once no new version came for two seconds.
    last, stable_since = None, time.monotonic()
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        versions = call("GET", url, "comms")
        newest = max((v["version"] for v in versions), default=None)
        if newest != last:
            last, stable_since = newest, time.monotonic()
        elif newest is not None and time.monotonic() - stable_since > 2:
            break
        time.sleep(0.5)
    print(f"   {last} draft versions so far; approving and publishing version {last}")
    call("POST", f"{url}/{last}/approval", "comms")
    call("POST", f"{url}/{last}/publication", "comms")
    public = wait_for("the published statement", lambda: next(
        (s for s in call("GET", f"{STATEMENT}/api/v1/public/statements") if s.get("incidentId") == incident_id),
        None))
    return public


def main():
    data_shares()
    registry_import()
    incident_id = report_claim()
    awareness(incident_id)
    sample_id = upload_sample(incident_id)
    verification(incident_id, sample_id)
    public = publish(incident_id)
    with open(os.path.join(DATA, "published.json"), "w", encoding="utf-8") as f:
        json.dump(public, f, ensure_ascii=False, indent=2)
    with open(os.path.join(DATA, "incident.txt"), "w", encoding="utf-8") as f:
        f.write(incident_id)


if __name__ == "__main__":
    try:
        main()
    except Failed as failure:
        print(f"\nscenario failed: {failure}", file=sys.stderr)
        sys.exit(1)
