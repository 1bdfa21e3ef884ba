"""Small widgets and helpers the features share."""
