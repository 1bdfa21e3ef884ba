"""The History tab: past calls over a period, filtered, summarised and exported."""
