"""One module per screen; screens own data access through the store's repositories."""
