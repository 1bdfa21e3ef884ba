"""The live calls tab: table, actions, dial box."""
