"""The statistical core of the regional needs analysis. Pure: numpy only, no Django.

`cells` builds the cell table (one pass over the responses), `raking` weights the cells to the
population margins, `domains` turns weighted cells into estimates per domain, and `population`
parses and validates the population table. The method is described in
`docs/methods/needs-estimation.md`.
"""
