"""Best customers: the customers table, touches, today's call, the check-up."""
