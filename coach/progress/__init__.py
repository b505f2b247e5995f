"""Progress: the year of marks, the forgiving streak, recovery since the loss."""
