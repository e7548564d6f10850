"""How good a store is: evaluate.py scores its facts against gold (FACTS.md), validate.py
checks it against the SHACL shapes of ontology/."""
