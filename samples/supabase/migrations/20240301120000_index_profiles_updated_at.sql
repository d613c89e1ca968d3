-- Sort profiles by last update. profiles already holds every user's row: building this index
-- without CONCURRENTLY blocks sign-ups and profile edits until it finishes (SB1003).
create index if not exists profiles_updated_at_idx on public.profiles (updated_at desc);
