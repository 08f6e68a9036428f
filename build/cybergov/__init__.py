"""cybergov: official statements on cyberspace governance as a validated data package."""
