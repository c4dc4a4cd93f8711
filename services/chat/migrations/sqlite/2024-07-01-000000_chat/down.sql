DROP TABLE feed_cursor;
DROP TABLE messages;
DROP TABLE room_members;
DROP TABLE rooms;
DROP TABLE chats;
