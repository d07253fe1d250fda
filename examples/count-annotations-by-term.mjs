#!/usr/bin/env node
// The first script of the Cytomine documentation, with cytomine-wasm: count the annotations
// associated with a given term in all projects the user can access whose name starts with "P".
//
//   node examples/count-annotations-by-term.mjs <host> <public key> <private key> <term name>
import { Cytomine, CytomineError, ProjectCollection, TermCollection, AnnotationCollection } from 'cytomine-wasm';

const [host, publicKey, privateKey, termName] = process.argv.slice(2);
if (!termName) {
  console.error('usage: count-annotations-by-term.mjs <host> <public key> <private key> <term name>');
  process.exit(2);
}

try {
  new Cytomine(host, { publicKey, privateKey });
  const projects = await ProjectCollection.fetchAll();
  let total = 0;
  for (const project of projects) {
    if (!project.name?.startsWith('P')) continue;
    const terms = await TermCollection.fetchAll({ filterKey: 'project', filterValue: project.id });
    const term = terms.array.find((t) => t.name === termName);
    if (!term) {
      console.log(`${project.name}: no term "${termName}" in its ontology`);
      continue;
    }
    // One item per page is enough: the list envelope gives the total count.
    const annotations = new AnnotationCollection({ project: project.id, term: term.id, nbPerPage: 1 });
    await annotations.fetchPage(0);
    total += annotations.totalNbItems;
    console.log(`${project.name}: ${annotations.totalNbItems} annotations with term "${termName}"`);
  }
  console.log(`Total: ${total}`);
} catch (error) {
  console.error(error instanceof CytomineError ? `Cytomine error: ${error.message}` : error);
  process.exit(1);
}
