// Validates rendered Kubernetes manifests offline against the API's published schemas (kubernetes-models bundles
// them, and the Strimzi CRDs' schemas for KafkaTopic and KafkaUser); exits non-zero naming every invalid object.
import { readFileSync } from "node:fs";
import yaml from "js-yaml";

const groups = {
  "kafka.strimzi.io": "@kubernetes-models/strimzi-kafka-operator/kafka.strimzi.io",
};

async function modelFor(apiVersion, kind) {
  const [group, version] = apiVersion.includes("/") ? apiVersion.split("/") : ["", apiVersion];
  const module = group === "" ? `kubernetes-models/${version}`
    : `${groups[group] ?? `kubernetes-models/${group}`}/${version}`;
  const models = await import(module);
  if (!models[kind]) {
    throw new Error(`no schema for ${apiVersion} ${kind}`);
  }
  return models[kind];
}

let invalid = 0;
let checked = 0;
for (const file of process.argv.slice(2)) {
  for (const object of yaml.loadAll(readFileSync(file, "utf8")).filter(Boolean)) {
    const name = `${file}: ${object.apiVersion} ${object.kind} ${object.metadata?.name}`;
    try {
      const Model = await modelFor(object.apiVersion, object.kind);
      new Model(object).validate();
      checked++;
    } catch (e) {
      invalid++;
      console.error(`${name}: ${e.message}`);
    }
  }
}
console.log(`${checked} objects valid, ${invalid} invalid`);
process.exit(invalid ? 1 : 0);
