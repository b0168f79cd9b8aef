"""nhswatch: the command line that wires scraper → extract → db → Datasette."""
