-- +goose Up
-- The drivers a feedback item concerns, picked by its author or its
-- owners; the board filters by them and links each to the dashboards.
CREATE TABLE board_item_drivers (
    item_id   INTEGER NOT NULL REFERENCES board_items (id) ON DELETE CASCADE,
    driver_id INTEGER NOT NULL REFERENCES drivers (id),
    PRIMARY KEY (item_id, driver_id)
);
CREATE INDEX board_item_drivers_driver ON board_item_drivers (driver_id, item_id);

-- +goose Down
DROP TABLE board_item_drivers;
