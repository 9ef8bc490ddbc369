"""The façade the GUI and the command line call: the only way in to the data."""
