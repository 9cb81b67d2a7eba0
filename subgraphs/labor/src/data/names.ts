/** Names of the north-west's people, for generated members: family names, middle names, given names, ethnic groups. */
export const FAMILY = ['Lò', 'Quàng', 'Lường', 'Cà', 'Vàng', 'Tòng', 'Giàng', 'Nguyễn', 'Lê', 'Sùng', 'Mùa', 'Lý'];
export const MIDDLE_F = ['Thị', 'Thị', 'Thu', 'Ngọc'];
export const MIDDLE_M = ['Văn', 'Văn', 'A', 'Đức'];
export const GIVEN_F = ['Xuân', 'Hoa', 'Mai', 'Dung', 'Lan', 'Páng', 'Dợ', 'Sở', 'Hương', 'Ngân'];
export const GIVEN_M = ['Dũng', 'Chứ', 'Pó', 'Hùng', 'Sinh', 'Thanh', 'Dế', 'Tuấn', 'Chiến', 'Phềnh'];
export const ETHNIC = ['Thái', 'Thái', "H'Mông", "H'Mông", 'Khơ Mú', 'Kinh'];
