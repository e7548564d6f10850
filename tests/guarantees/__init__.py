"""What the README's Guarantees table promises, each a test: crash safety, attacks on the
endpoint, hostile input, safe identifiers, bounds and load of kg serve, the wheel, the
notebook and the README's own commands. Most are marked slow."""
