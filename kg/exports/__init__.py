"""The graph in other shapes: formats.py (the format -> writer table behind `kg export`:
GraphML, GEXF, Turtle, N-Quads, JSON-LD), property_graph.py (entities and the edges between
them, for GraphML, gexf.py and draw.py), draw.py (`kg draw`) and facts.py (`kg facts`).

Nothing is imported here: `kg facts` need not load networkx for the graph formats."""
