"""Customers: the list, forms, history and the check-up."""
