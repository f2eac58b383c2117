"""The concept designer: from a region's estimated needs to a proposed programme of learning
offers (which modules, in which format, where, when and how often), with the reasons, the value
of more resources, scenarios, and publication as draft offers in the catalogue."""
