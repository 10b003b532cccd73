// Validates rendered Kubernetes manifests (a multi-document YAML file, as `kubectl kustomize` prints it).
//
//   node validate.mjs [--external-secret NAME ...] LABEL RENDERED.yaml [LABEL RENDERED.yaml ...]
//
// LABEL names the rendered overlay in messages (e.g. overlays/dev). Several overlays share one run, so TypeScript
// loads the models once.
//
// Every object must have a schema: the Kubernetes API (kubernetes-models), Strimzi (kafka.strimzi.io) or
// CloudNativePG (postgresql.cnpg.io); an object of any other apiVersion/kind fails. Each object is checked twice:
//
//  1. Values: the package's JSON-schema validator (Ajv code generated from the OpenAPI/CRD schemas) checks types,
//     enums, patterns and required fields.
//  2. Unknown fields: those generated validators let unknown properties through (the schemas carry no
//     `additionalProperties: false`), and the API server would drop such a field silently. So every object is
//     also read as a TypeScript value of the model's declared type (the same packages ship declarations generated
//     from the same schemas) and every property must exist in its type, or the type must be a free-form map.
//     This is `additionalProperties: false` everywhere the schema is not explicitly open.
//
// Then a few references that no schema sees: ConfigMaps and Secrets named by pods, Service selectors and ports,
// the HPA's target, the Strimzi cluster a node pool or topic belongs to.
//
// Prints `LABEL: valid: ...` or, after each problem as `LABEL: Kind/name: path: problem`, `LABEL: INVALID: ...`
// for every overlay. Exit code 0 when every object of every overlay passes, 1 when any fails, 2 on a usage error.

import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseAllDocuments } from "yaml";

// Loaded with require: importing TypeScript's 9 MB CommonJS file as a module would scan it for exports first.
const ts = createRequire(import.meta.url)("typescript");

const HERE = path.dirname(fileURLToPath(import.meta.url));

/** Where each API group's models come from. */
const PACKAGES = {
  "kafka.strimzi.io": "@kubernetes-models/strimzi-kafka-operator",
  "core.strimzi.io": "@kubernetes-models/strimzi-kafka-operator",
  "postgresql.cnpg.io": "@kubernetes-models/cloudnative-pg",
};

/** Versions the target operators serve, where the models also hold older ones: Strimzi 1.0 serves v1 only. */
const SERVED = {
  "kafka.strimzi.io": { versions: ["v1"], by: "Strimzi 1.0" },
  "core.strimzi.io": { versions: ["v1"], by: "Strimzi 1.0" },
};

function usage(message) {
  console.error(`validate.mjs: ${message}`);
  console.error("usage: node validate.mjs [--external-secret NAME ...] LABEL RENDERED.yaml [LABEL RENDERED.yaml ...]");
  process.exit(2);
}

const args = process.argv.slice(2);
const externalSecrets = new Set();
while (args[0] === "--external-secret") {
  if (!args[1]) usage("--external-secret needs a name");
  externalSecrets.add(args[1]);
  args.splice(0, 2);
}
if (args.length === 0 || args.length % 2 !== 0) usage("expected pairs of LABEL and RENDERED.yaml");
const inputs = [];
for (let i = 0; i < args.length; i += 2) inputs.push({ label: args[i], file: args[i + 1] });

/** Problems by overlay label, in the order found. */
const problems = new Map(inputs.map(({ label }) => [label, []]));
const problem = (obj, where, text) => problems.get(obj.label).push(`${obj.label}: ${obj.id}: ${where ? `${where}: ` : ""}${text}`);

// ---------------------------------------------------------------------------------------------------------------
// Parse
const objects = [];
for (const { label, file } of inputs) {
  const docs = parseAllDocuments(readFileSync(file, "utf8"), { uniqueKeys: true });
  let found = 0;
  for (const [index, doc] of docs.entries()) {
    const errors = [...doc.errors, ...doc.warnings];
    if (errors.length) {
      problems.get(label).push(`${label}: document ${index + 1}: YAML: ${errors[0].message}`);
      continue;
    }
    const data = doc.toJS();
    if (data === null || data === undefined) continue;
    const id = `${data.kind ?? "?"}/${data.metadata?.name ?? "?"}`;
    objects.push({ label, id, data });
    found++;
  }
  if (found === 0 && problems.get(label).length === 0) problems.get(label).push(`${label}: the rendered output holds no object`);
}

// ---------------------------------------------------------------------------------------------------------------
// Find each object's model
function modelModule(apiVersion, kind) {
  const slash = apiVersion.indexOf("/");
  const group = slash < 0 ? "" : apiVersion.slice(0, slash);
  const pkg = PACKAGES[group] ?? (group === "" || !group.includes(".") || group.endsWith(".k8s.io") ? "kubernetes-models" : null);
  return pkg && `${pkg}/${apiVersion}/${kind}`;
}

for (const obj of objects) {
  const { apiVersion, kind } = obj.data;
  // The two name a module below: nothing but the shapes Kubernetes allows gets that far.
  if (typeof apiVersion !== "string" || !/^([a-z0-9][a-z0-9.-]*\/)?v[0-9a-z]+$/.test(apiVersion)) {
    problem(obj, "apiVersion", `not an API version: ${JSON.stringify(apiVersion)}`);
    continue;
  }
  if (typeof kind !== "string" || !/^[A-Z][A-Za-z0-9]*$/.test(kind)) {
    problem(obj, "kind", `not a kind: ${JSON.stringify(kind)}`);
    continue;
  }
  const [group, version] = apiVersion.includes("/") ? apiVersion.split("/") : ["", apiVersion];
  if (SERVED[group] && !SERVED[group].versions.includes(version)) {
    problem(obj, "apiVersion", `${apiVersion} is not served by ${SERVED[group].by} (use ${SERVED[group].versions.map((v) => `${group}/${v}`).join(" or ")})`);
    continue;
  }
  const module = modelModule(apiVersion, kind);
  if (!module) {
    problem(obj, "", `no schema for ${apiVersion} ${kind}: only Kubernetes, Strimzi and CloudNativePG objects are known`);
    continue;
  }
  try {
    const exported = (await import(module))[kind];
    if (typeof exported !== "function") throw new Error(`${module} exports no ${kind}`);
    obj.module = module;
    obj.Model = exported;
  } catch (e) {
    problem(obj, "", `no schema for ${apiVersion} ${kind} (${e.code === "ERR_PACKAGE_PATH_NOT_EXPORTED" || e.code === "ERR_MODULE_NOT_FOUND" ? "unknown apiVersion or kind" : e.message})`);
  }
}
const modelled = objects.filter((o) => o.Model);

// ---------------------------------------------------------------------------------------------------------------
// 1. Values, by the generated JSON-schema validators
const jsonPath = (instancePath) =>
  instancePath
    .split("/")
    .slice(1)
    .map((p) => p.replaceAll("~1", "/").replaceAll("~0", "~"))
    .reduce((acc, p) => (/^\d+$/.test(p) ? `${acc}[${p}]` : acc ? `${acc}.${p}` : p), "");

for (const obj of modelled) {
  try {
    new obj.Model(obj.data).validate();
  } catch (e) {
    const errors = e.errors ?? [{ instancePath: "", message: e.message }];
    for (const err of errors) {
      let text = err.message;
      if (err.params?.allowedValues) text += ` (${err.params.allowedValues.map((v) => JSON.stringify(v)).join(", ")})`;
      problem(obj, jsonPath(err.instancePath ?? "") || "(object)", text);
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// 2. Unknown fields, by the declared types
if (modelled.length) {
  const virtualFile = path.join(HERE, ".work", "rendered-objects.ts");
  const source =
    modelled.map((o, i) => `import type { I${o.data.kind} as T${i} } from ${JSON.stringify(o.module)};`).join("\n") +
    "\n" +
    modelled.map((o, i) => `export const o${i}: T${i} = ${JSON.stringify(o.data)};`).join("\n") +
    "\n";
  const options = {
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    target: ts.ScriptTarget.ES2022,
    lib: ["lib.es5.d.ts"],
    types: [],
  };
  const host = ts.createCompilerHost(options);
  const { getSourceFile, fileExists, readFile } = host;
  host.getSourceFile = (name, ...rest) =>
    path.resolve(name) === virtualFile
      ? ts.createSourceFile(name, source, ts.ScriptTarget.ES2022, true)
      : getSourceFile.call(host, name, ...rest);
  host.fileExists = (name) => path.resolve(name) === virtualFile || fileExists.call(host, name);
  host.readFile = (name) => (path.resolve(name) === virtualFile ? source : readFile.call(host, name));
  const program = ts.createProgram([virtualFile], options, host);
  const checker = program.getTypeChecker();
  const sourceFile = program.getSourceFile(virtualFile);

  const members = (type) => (type.isUnion() ? type.types : [type]);
  // A property is allowed when some member of the expected type declares it, or the member is a free-form map
  // (an index signature, `{}` for x-kubernetes-preserve-unknown-fields, any/unknown).
  const allows = (type, name) =>
    members(type).some((t) => {
      if (t.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return true;
      if (t.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Null)) return false;
      if (checker.getPropertyOfType(t, name)) return true;
      if (checker.getIndexInfosOfType(t).length) return true;
      return (t.flags & ts.TypeFlags.Object) !== 0 && checker.getPropertiesOfType(t).length === 0;
    });
  const known = (type) =>
    members(type).flatMap((t) => (t.flags & ts.TypeFlags.Object ? checker.getPropertiesOfType(t).map((p) => p.name) : []));
  const typeName = (type) => {
    const named = members(type).filter((t) => !(t.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Null)));
    const text = named.map((t) => checker.typeToString(t)).join(" | ");
    return text.startsWith("{") ? null : text;
  };

  const walk = (obj, node, where) => {
    if (ts.isObjectLiteralExpression(node)) {
      const expected = checker.getContextualType(node);
      for (const prop of node.properties) {
        const name = prop.name.text;
        const at = where ? `${where}.${name}` : name;
        if (expected && !allows(expected, name)) {
          const hint = closest(name, known(expected));
          const schema = typeName(expected) ?? `the schema of ${where || "the object"}`;
          problem(obj, at, `unknown field "${name}" (not in ${schema})${hint ? `; did you mean "${hint}"?` : ""}`);
        } else {
          walk(obj, prop.initializer, at);
        }
      }
    } else if (ts.isArrayLiteralExpression(node)) {
      node.elements.forEach((element, i) => walk(obj, element, `${where}[${i}]`));
    }
  };

  const declarations = sourceFile.statements
    .filter(ts.isVariableStatement)
    .flatMap((s) => s.declarationList.declarations);
  declarations.forEach((declaration, i) => {
    const obj = modelled[i];
    const declared = checker.getTypeAtLocation(declaration.type);
    if (declared.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown) || checker.getPropertiesOfType(declared).length === 0) {
      problem(obj, "", `the declared type I${obj.data.kind} of ${obj.module} could not be loaded`);
      return;
    }
    walk(obj, declaration.initializer, "");
  });
}

// ---------------------------------------------------------------------------------------------------------------
// 3. References that no schema checks, within each overlay
for (const { label } of inputs) checkReferences(objects.filter((o) => o.label === label));

function checkReferences(objects) {
  const byKind = (kind) => objects.filter((o) => o.data.kind === kind);
  const names = (kind) => new Set(byKind(kind).map((o) => o.data.metadata?.name));
  const configMaps = names("ConfigMap");
  const secrets = names("Secret");
  const cnpgAppSecrets = new Set(byKind("Cluster").map((o) => `${o.data.metadata?.name}-app`));
  const kafkas = names("Kafka");
  const matches = (selector, labels) =>
    Object.entries(selector ?? {}).every(([k, v]) => labels?.[k] === v);

  const workloads = objects.filter((o) => ["Deployment", "StatefulSet", "DaemonSet", "Job"].includes(o.data.kind));
  for (const obj of workloads) {
    const pod = obj.data.spec?.template?.spec ?? {};
    const needConfigMap = (name, at) => {
      if (name && !configMaps.has(name)) problem(obj, at, `ConfigMap "${name}" is not among the rendered objects`);
    };
    const needSecret = (name, at) => {
      if (name && !secrets.has(name) && !cnpgAppSecrets.has(name) && !externalSecrets.has(name)) {
        problem(obj, at, `Secret "${name}" is neither rendered, nor a CloudNativePG <cluster>-app Secret, nor a documented external Secret`);
      }
    };
    const volumeNames = new Set((pod.volumes ?? []).map((v) => v.name));
    for (const list of ["initContainers", "containers"]) {
      (pod[list] ?? []).forEach((c, ci) => {
        const base = `spec.template.spec.${list}[${ci}]`;
        (c.envFrom ?? []).forEach((e, i) => {
          needConfigMap(e.configMapRef?.name, `${base}.envFrom[${i}].configMapRef.name`);
          needSecret(e.secretRef?.name, `${base}.envFrom[${i}].secretRef.name`);
        });
        (c.env ?? []).forEach((e, i) => {
          needConfigMap(e.valueFrom?.configMapKeyRef?.name, `${base}.env[${i}].valueFrom.configMapKeyRef.name`);
          needSecret(e.valueFrom?.secretKeyRef?.name, `${base}.env[${i}].valueFrom.secretKeyRef.name`);
        });
        (c.volumeMounts ?? []).forEach((m, i) => {
          if (!volumeNames.has(m.name)) problem(obj, `${base}.volumeMounts[${i}].name`, `no volume "${m.name}" in the pod`);
        });
      });
    }
    (pod.volumes ?? []).forEach((v, i) => {
      needConfigMap(v.configMap?.name, `spec.template.spec.volumes[${i}].configMap.name`);
      needSecret(v.secret?.secretName, `spec.template.spec.volumes[${i}].secret.secretName`);
    });
    const account = pod.serviceAccountName;
    if (account && account !== "default" && !names("ServiceAccount").has(account)) {
      problem(obj, "spec.template.spec.serviceAccountName", `ServiceAccount "${account}" is not among the rendered objects`);
    }
    if (obj.data.spec?.selector?.matchLabels && !matches(obj.data.spec.selector.matchLabels, obj.data.spec.template?.metadata?.labels)) {
      problem(obj, "spec.selector.matchLabels", "does not select the pod template's labels");
    }
  }

  for (const obj of byKind("Service")) {
    const selector = obj.data.spec?.selector;
    if (!selector) continue;
    const targets = workloads.filter((w) => matches(selector, w.data.spec?.template?.metadata?.labels));
    if (targets.length === 0) {
      problem(obj, "spec.selector", "selects no rendered workload's pods");
      continue;
    }
    const portNames = new Set(
      targets.flatMap((w) => (w.data.spec.template.spec?.containers ?? []).flatMap((c) => (c.ports ?? []).map((p) => p.name))),
    );
    (obj.data.spec.ports ?? []).forEach((p, i) => {
      if (typeof p.targetPort === "string" && !portNames.has(p.targetPort)) {
        problem(obj, `spec.ports[${i}].targetPort`, `no container port named "${p.targetPort}" in the selected pods`);
      }
    });
  }

  for (const obj of byKind("HorizontalPodAutoscaler")) {
    const ref = obj.data.spec?.scaleTargetRef ?? {};
    if (!objects.some((o) => o.data.kind === ref.kind && o.data.metadata?.name === ref.name)) {
      problem(obj, "spec.scaleTargetRef", `${ref.kind}/${ref.name} is not among the rendered objects`);
    }
  }

  for (const obj of objects.filter((o) => ["KafkaNodePool", "KafkaTopic", "KafkaUser"].includes(o.data.kind))) {
    const cluster = obj.data.metadata?.labels?.["strimzi.io/cluster"];
    if (!cluster) problem(obj, "metadata.labels", `needs the label strimzi.io/cluster naming its Kafka`);
    else if (!kafkas.has(cluster)) problem(obj, 'metadata.labels["strimzi.io/cluster"]', `no Kafka "${cluster}" among the rendered objects`);
  }
}

// ---------------------------------------------------------------------------------------------------------------
function closest(name, candidates) {
  let best = null;
  let bestDistance = Math.max(2, Math.floor(name.length / 4)) + 1;
  for (const candidate of new Set(candidates)) {
    const d = distance(name.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [candidate, d];
  }
  return best;
}

function distance(a, b) {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length];
}

let invalid = 0;
for (const { label } of inputs) {
  const found = problems.get(label);
  const mine = objects.filter((o) => o.label === label);
  if (found.length) {
    invalid++;
    for (const p of found) console.error(p);
    console.error(`${label}: INVALID: ${found.length} problem(s) in ${mine.length} object(s)`);
  } else {
    const kinds = [...new Set(mine.map((o) => o.data.kind))].sort().join(", ");
    console.log(`${label}: valid: ${mine.length} objects (${kinds})`);
  }
}
process.exit(invalid ? 1 : 0);
