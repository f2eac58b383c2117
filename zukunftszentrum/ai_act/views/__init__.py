"""The pages of the AI-system inventory, one module per area."""
