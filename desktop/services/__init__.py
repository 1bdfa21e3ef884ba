"""Qt-free app logic between the PBX client and the widgets."""
