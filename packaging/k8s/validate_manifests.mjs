// Validates Kubernetes manifests: every document against the schema of its kind (kubernetes-
// models: generated from the Kubernetes OpenAPI definitions; types, required fields, enums and
// formats, but not unknown fields), then the rules deploy/k8s promises for a gateway cell.
// Runs from the directory holding node_modules (packaging/k8s/run_k8s_validation.sh copies it
// there). Prints one line per problem and exits 1 when there is any.
//
// usage: node validate_manifests.mjs FILE...
import { readFileSync } from "node:fs";
import { parseAllDocuments } from "yaml";

const problems = [];
const objects = [];

async function modelFor(apiVersion, kind) {
  const group = apiVersion.includes("/") ? apiVersion : `v1`;
  if (!/^[a-z0-9.\/]+$/.test(group) || !/^[A-Za-z]+$/.test(kind)) return null;
  try {
    return (await import(`kubernetes-models/${group}/${kind}`))[kind];
  } catch {
    return null;
  }
}

async function validateDocument(file, doc) {
  const where = `${file}: ${doc?.kind ?? "?"} ${doc?.metadata?.name ?? "?"}`;
  if (typeof doc?.apiVersion !== "string" || typeof doc?.kind !== "string") {
    problems.push(`${where}: no apiVersion or kind`);
    return;
  }
  const Model = await modelFor(doc.apiVersion, doc.kind);
  if (!Model) {
    problems.push(`${where}: unknown kind ${doc.apiVersion} ${doc.kind}`);
    return;
  }
  try {
    new Model(doc).validate();
  } catch (error) {
    problems.push(`${where}: ${error.message}`);
  }
  const name = doc.metadata?.name ?? "";
  if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(name) || name.length > 63) {
    problems.push(`${where}: metadata.name must be a DNS label (is the TENANT placeholder replaced?)`);
  }
  objects.push({ where, doc });
}

// What deploy/k8s/README.md promises of every gateway StatefulSet.
function checkCell({ where, doc }) {
  const expect = (ok, what) => ok || problems.push(`${where}: ${what}`);
  const pod = doc.spec?.template?.spec ?? {};
  expect(doc.spec?.replicas === 1, "replicas must be 1 (one gateway per state dir)");
  expect(pod.securityContext?.runAsNonRoot === true, "pod securityContext.runAsNonRoot must be true");
  expect(pod.securityContext?.runAsUser === 1000, "pod securityContext.runAsUser must be 1000");
  expect(pod.securityContext?.fsGroup === 1000, "pod securityContext.fsGroup must be 1000");
  expect(pod.securityContext?.seccompProfile?.type === "RuntimeDefault", "seccompProfile must be RuntimeDefault");
  expect(pod.enableServiceLinks === false, "enableServiceLinks must be false (OPENCLAW_* variables)");
  expect(Number.isInteger(pod.terminationGracePeriodSeconds), "terminationGracePeriodSeconds must be set");
  const claims = (doc.spec?.volumeClaimTemplates ?? []).map((claim) => claim.metadata?.name);
  for (const container of pod.containers ?? []) {
    const at = `container ${container.name}`;
    const security = container.securityContext ?? {};
    expect(security.readOnlyRootFilesystem === true, `${at}: readOnlyRootFilesystem must be true`);
    expect(security.allowPrivilegeEscalation === false, `${at}: allowPrivilegeEscalation must be false`);
    expect(security.capabilities?.drop?.includes("ALL"), `${at}: capabilities must drop ALL`);
    expect(container.livenessProbe?.httpGet?.path === "/healthz", `${at}: liveness probe must GET /healthz`);
    expect(container.readinessProbe?.httpGet?.path === "/readyz", `${at}: readiness probe must GET /readyz`);
    expect(container.resources?.requests?.memory && container.resources?.limits?.memory,
           `${at}: memory request and limit must be set`);
    const token = (container.env ?? []).find((entry) => entry.name === "OPENCLAW_GATEWAY_TOKEN");
    expect(token?.valueFrom?.secretKeyRef, `${at}: OPENCLAW_GATEWAY_TOKEN must come from a Secret`);
    const data = (container.volumeMounts ?? []).find((mount) => mount.mountPath === "/data");
    expect(data && claims.includes(data.name), `${at}: /data must be a volumeClaimTemplate`);
  }
}

// A Service must select the pods of exactly one StatefulSet: a selector shared between tenants
// would send one tenant's clients to another's gateway.
function checkServices(cells) {
  const matches = (selector, labels) =>
    Object.entries(selector ?? {}).every(([key, value]) => labels?.[key] === value);
  for (const { where, doc } of objects.filter((object) => object.doc.kind === "Service")) {
    const selected = cells.filter((cell) =>
      matches(doc.spec?.selector, cell.doc.spec?.template?.metadata?.labels));
    if (selected.length !== 1) {
      problems.push(`${where}: selects the pods of ${selected.length} StatefulSets, not 1`);
    } else if (selected[0].doc.spec?.serviceName !== doc.metadata?.name) {
      problems.push(`${selected[0].where}: serviceName is not ${doc.metadata?.name}`);
    }
  }
}

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error("usage: node validate_manifests.mjs FILE...");
  process.exit(2);
}
for (const file of files) {
  for (const parsed of parseAllDocuments(readFileSync(file, "utf8"))) {
    if (parsed.errors.length > 0) {
      problems.push(`${file}: ${parsed.errors[0].message}`);
      continue;
    }
    const doc = parsed.toJS();
    if (doc !== null) await validateDocument(file, doc);
  }
}
const cells = objects.filter((object) => object.doc.kind === "StatefulSet");
cells.forEach(checkCell);
checkServices(cells);

for (const problem of problems) console.log(`INVALID ${problem}`);
console.log(problems.length === 0 ? `valid: ${objects.length} objects` : `${problems.length} problems`);
process.exit(problems.length === 0 ? 0 : 1);
