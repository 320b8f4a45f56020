"""The vault model: files on disk -> parsed notes -> resolved links and a graph.

Nothing in here imports lint, generators, GTD, reports or the CLI.
"""
