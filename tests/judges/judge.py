"""A judge nobody here wrote: the official Cytomine Python client (from PyPI) driving the emulator.

    python judge.py <host> <public key> <private key> <action> [args...]

Actions (each prints one line `JUDGE_RESULT <json>` that tests/judges/python-clients.test.mjs checks
against the emulator's own data):
  count <term name>                          the documentation's first script: annotations of a term
                                             in every project whose name starts with "P"
  term-create <ontology id> <name> <color>   Term(...).save()
  term-fetch <id>                            Term().fetch(id)
  term-update <id> <new name>                fetch, rename, update()
  term-delete <id>                           Term().delete(id)
  terms-of-ontology <ontology id>            TermCollection().fetch_with_filter("ontology", id)
  terms-bulk-create <ontology id> <names...> TermCollection([...]).save(chunk=None): one POST of a JSON array
  relation-fetch <term1 id> <term2 id>       RelationTerm().fetch(term1, term2)
  annotation-create <project> <image> <wkt>  Annotation(...).save()
  annotation-update <id> <wkt>               fetch, new location, update()
  annotation-delete <id>                     Annotation().delete(id)
"""
import json
import logging
import sys

from cytomine import Cytomine
from cytomine.models import (
    Annotation,
    AnnotationCollection,
    ProjectCollection,
    RelationTerm,
    Term,
    TermCollection,
)


def term_json(t):
    return {
        "id": t.id,
        "name": t.name,
        "color": getattr(t, "color", None),
        "ontology": getattr(t, "ontology", None),
        "ontologyId": getattr(t, "ontologyId", None),
    }


def annotation_json(a):
    return {"id": a.id, "location": a.location, "project": a.project, "image": a.image}


def count(term_name):
    per_project = {}
    for project in ProjectCollection().fetch():
        if not project.name.startswith("P"):
            continue
        terms = TermCollection().fetch_with_filter("project", project.id)
        term = next((t for t in terms if t.name == term_name), None)
        if term is None:
            per_project[project.name] = None
            continue
        annotations = AnnotationCollection(project=project.id, term=term.id).fetch()
        per_project[project.name] = len(annotations)
    return {"projects": per_project, "total": sum(n for n in per_project.values() if n)}


def main():
    host, public_key, private_key, action, *args = sys.argv[1:]
    Cytomine(host, public_key, private_key, verbose=logging.ERROR)
    if action == "count":
        out = count(args[0])
    elif action == "term-create":
        t = Term(args[1], int(args[0]), args[2]).save()
        out = term_json(t) if t else {"failed": True}
    elif action == "term-fetch":
        t = Term().fetch(int(args[0]))
        out = term_json(t) if t else {"failed": True}
    elif action == "term-update":
        t = Term().fetch(int(args[0]))
        t.name = args[1]
        updated = t.update()
        out = term_json(updated) if updated else {"failed": True}
    elif action == "term-delete":
        out = {"deleted": bool(Term().delete(int(args[0])))}
    elif action == "terms-of-ontology":
        terms = TermCollection().fetch_with_filter("ontology", int(args[0]))
        out = {"ids": [t.id for t in terms]}
    elif action == "terms-bulk-create":
        terms = TermCollection()
        for name in args[1:]:
            terms.append(Term(name, int(args[0]), "#000000"))
        out = {"saved": bool(terms.save(chunk=None))}
    elif action == "relation-fetch":
        r = RelationTerm().fetch(int(args[0]), int(args[1]))
        out = {"found": bool(r), "term1": getattr(r, "term1", None) if r else None, "term2": getattr(r, "term2", None) if r else None}
    elif action == "annotation-create":
        a = Annotation(location=args[2], id_image=int(args[1]), id_project=int(args[0])).save()
        out = annotation_json(a) if a else {"failed": True}
    elif action == "annotation-update":
        a = Annotation().fetch(int(args[0]))
        a.location = args[1]
        updated = a.update()
        out = annotation_json(updated) if updated else {"failed": True}
    elif action == "annotation-delete":
        out = {"deleted": bool(Annotation().delete(int(args[0])))}
    else:
        raise SystemExit(f"unknown action {action}")
    print("JUDGE_RESULT " + json.dumps(out), flush=True)


if __name__ == "__main__":
    main()
